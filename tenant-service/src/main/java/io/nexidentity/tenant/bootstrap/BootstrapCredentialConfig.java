package io.nexidentity.tenant.bootstrap;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bootstrap credential: the first-day key a registration or a rotation answers. */
@ConfigMapping(prefix = "nexid.bootstrap-credential")
public interface BootstrapCredentialConfig {

    /** How long a new bootstrap credential gets tokens: at least an hour, at most 30 days. */
    @WithDefault("PT24H")
    Duration validity();
}
