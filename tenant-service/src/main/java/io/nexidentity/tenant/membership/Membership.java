package io.nexidentity.tenant.membership;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A user's place in an organization: roles and custom permissions. {@code permVer} grows with every change to either,
 * so a token carrying an older {@code perm_ver} is recognizably stale.
 */
@Entity
@Table(name = "membership")
public class Membership {

    @Id
    public UUID id;

    public UUID tenantId;
    public UUID organizationId;
    public UUID userId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> roles;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> permissions;

    public int permVer;
    public Instant createdAt;
    public Instant updatedAt;
}
