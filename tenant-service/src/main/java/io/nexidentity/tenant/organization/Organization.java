package io.nexidentity.tenant.organization;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "organization")
public class Organization {

    @Id
    public UUID id;

    public UUID tenantId;
    public String name;

    @Enumerated(EnumType.STRING)
    public OrganizationStatus status;

    public Instant createdAt;
    public Instant updatedAt;

    public enum OrganizationStatus {
        ACTIVE,
        SUSPENDED
    }
}
