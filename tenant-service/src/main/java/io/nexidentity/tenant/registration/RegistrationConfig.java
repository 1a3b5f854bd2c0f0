package io.nexidentity.tenant.registration;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "nexid.registration")
public interface RegistrationConfig {

    /**
     * {@code open}: anyone may register a tenant (evaluation); {@code key}: callers must present the platform
     * registration key; {@code closed}: nobody may (tenants are created by the platform's operators).
     */
    @WithDefault("open")
    Mode mode();

    /** The platform registration key (header {@code Nexid-Registration-Key}) when mode is {@code key}. */
    Optional<String> key();

    /** Registration attempts allowed per client address (IPv6: per /64) within {@link #window()}. */
    @WithDefault("10")
    int attemptsPerAddress();

    @WithDefault("PT1H")
    Duration window();

    enum Mode {
        OPEN,
        KEY,
        CLOSED
    }
}
