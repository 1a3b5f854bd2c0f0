package io.nexidentity.tenant.licence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.nexidentity.tenant.plan.Plan;

/** A tenant's right to use a plan, for a time. A tenant has at most one active licence. */
@Entity
@Table(name = "licence")
public class Licence {

    @Id
    public UUID id;

    public UUID tenantId;

    @Enumerated(EnumType.STRING)
    public Plan plan;

    @Enumerated(EnumType.STRING)
    public LicenceStatus status;

    public Instant startsAt;
    public Instant expiresAt;
    public Instant endedAt;
    public String endReason;

    public enum LicenceStatus {
        ACTIVE,
        /** Replaced by the licence of another plan. */
        SUPERSEDED,
        REVOKED,
        /** An evaluation that ran out. */
        EXPIRED
    }
}
