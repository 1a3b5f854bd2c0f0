package io.nexidentity.webhook.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "nexid.webhooks")
public interface WebhookConfig {

    /** AES-256 key (base64) sealing the endpoints' signing secrets. */
    String secretEncryptionKey();

    /**
     * Keys that sealed before the last rotation of {@link #secretEncryptionKey()}: they still open, and a re-seal job
     * moves what they sealed to the current key (docs/operations.md).
     */
    Optional<List<String>> previousSecretEncryptionKeys();

    /**
     * Waits between attempts after a failure; the last entry ends the retries. The default spreads eight attempts over
     * about a day, like Svix.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** An endpoint failing continuously for this long is disabled. */
    @WithDefault("P5D")
    Duration disableAfter();

    /** Timeout of one delivery attempt. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Attempts in flight at once to one endpoint: a slow endpoint never holds back others. */
    @WithDefault("4")
    int perEndpointConcurrency();

    /** How often due deliveries are looked for (besides right after fan-out). */
    @WithDefault("500ms")
    Duration pollInterval();

    /** How often the undelivered deliveries are counted for the metrics. */
    @WithDefault("10s")
    Duration backlogInterval();

    /** Private networks (CIDR) endpoints may nevertheless resolve to, e.g. 10.20.0.0/16 on-premises; none by default. */
    Optional<List<String>> allowedNetworks();

    /**
     * How long a host's checked address is used for deliveries before the host is resolved and checked again (the
     * JVM's own DNS cache keeps answers 30 s too); 0 resolves before every attempt.
     */
    @WithDefault("30s")
    Duration checkedAddressTtl();

    /** Whether http (not https) URLs are accepted: only for tests and local development. */
    @WithDefault("false")
    boolean allowHttp();
}
