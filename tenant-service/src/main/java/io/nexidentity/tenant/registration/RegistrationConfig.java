package io.nexidentity.tenant.registration;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "nexid.registration")
public interface RegistrationConfig {

    /** {@code open}: anyone may register a tenant; {@code key}: callers must present the platform registration key. */
    @WithDefault("open")
    Mode mode();

    /** The platform registration key (header {@code Nexid-Registration-Key}) when mode is {@code key}. */
    Optional<String> key();

    enum Mode {
        OPEN,
        KEY
    }
}
