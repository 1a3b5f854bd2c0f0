package io.nexidentity.tenant.role;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A role a tenant defined: a name its memberships can hold, granting a set of admin permissions. */
@Entity
@Table(name = "custom_role")
public class CustomRole {

    @Id
    public UUID id;

    public UUID tenantId;
    public String name;
    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> permissions;

    public Instant createdAt;
    public Instant updatedAt;
}
