package io.nexidentity.tenant.signing;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How a tenant's tokens are signed, once the tenant has chosen. */
@Entity
@Table(name = "tenant_signing")
public class Signing {

    @Id
    public UUID tenantId;

    public String accessTokenSigningAlg;
    public Instant updatedAt;
}
