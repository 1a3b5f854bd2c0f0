package io.nexidentity.tenant.recovery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** "Forgot password": how long a link works and how many requests are sent within {@link #window()}. */
@ConfigMapping(prefix = "nexid.recovery")
public interface RecoveryConfig {

    @WithDefault("PT15M")
    Duration linkLifetime();

    @WithDefault("PT1H")
    Duration window();

    /** Links sent to one account within the window. */
    @WithDefault("3")
    int perAccount();

    /** Requests from one client address (IPv6: per /64) within the window. */
    @WithDefault("10")
    int perAddress();

    /** Requests for one tenant within the window: one tenant cannot make the platform's mail server a spam source. */
    @WithDefault("500")
    int perTenant();
}
