package io.nexidentity.tenant.bootstrap;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The temporary admin client a tenant gets at registration, so scripts can continue without a browser. Its secret is
 * stored only as a keyed hash.
 */
@Entity
@Table(name = "bootstrap_credential")
public class BootstrapCredential {

    @Id
    public String clientId;

    public UUID tenantId;
    public UUID organizationId;
    public String secretHash;
    public String scopes;

    @Enumerated(EnumType.STRING)
    public CredentialStatus status;

    public Instant createdAt;
    public Instant expiresAt;
    public Instant revokedAt;

    public enum CredentialStatus {
        ACTIVE,
        REVOKED
    }
}
