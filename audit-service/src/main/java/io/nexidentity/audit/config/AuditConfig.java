package io.nexidentity.audit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "nexid.audit")
public interface AuditConfig {

    /** How often retention is applied (the scheduled job reads it as {@code nexid.audit.retention-check-interval}). */
    @WithDefault("PT1H")
    Duration retentionCheckInterval();

    /** After a plan change shortens a tenant's retention, the longer retention still applies for this long. */
    @WithDefault("P30D")
    Duration retentionGrace();

    /** How often tenants' chain heads that moved are signed. */
    @WithDefault("PT1H")
    Duration headSigningInterval();

    /** Seed (base64, 32 bytes) of the Ed25519 key that signs chain heads: a Kubernetes Secret in production. */
    String headSigningKey();
}
