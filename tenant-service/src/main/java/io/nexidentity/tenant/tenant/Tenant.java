package io.nexidentity.tenant.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.nexidentity.tenant.plan.Plan;

/** An identity domain: the boundary every admin API and every token stays inside. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    public UUID id;

    public String slug;
    public String name;

    @Enumerated(EnumType.STRING)
    public TenantStatus status;

    @Enumerated(EnumType.STRING)
    public Plan plan;

    public Instant createdAt;
    public Instant updatedAt;

    public enum TenantStatus {
        ACTIVE
    }
}
