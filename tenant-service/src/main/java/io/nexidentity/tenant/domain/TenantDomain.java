package io.nexidentity.tenant.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A tenant's claim on a custom domain: pending until its DNS TXT record proves it, then verified. */
@Entity
@Table(name = "tenant_domain")
@IdClass(TenantDomain.Key.class)
public class TenantDomain {

    @Id
    public UUID tenantId;

    @Id
    public String domain;

    public String verificationToken;

    @Enumerated(EnumType.STRING)
    public DomainStatus status;

    public Instant createdAt;
    public Instant verifiedAt;

    public enum DomainStatus {
        PENDING,
        VERIFIED
    }

    public record Key(UUID tenantId, String domain) implements Serializable {

        public Key() {
            this(null, null);
        }
    }
}
