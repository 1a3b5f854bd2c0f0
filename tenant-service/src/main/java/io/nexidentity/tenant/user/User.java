package io.nexidentity.tenant.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.nexidentity.runtime.identifier.Usernames;

/** A person who signs in to a tenant; the email is unique within the tenant, compared case-insensitively. */
@Entity
@Table(name = "tenant_user")
public class User {

    @Id
    public UUID id;

    public UUID tenantId;
    public String email;
    public String emailNormalized;
    public String name;

    @Enumerated(EnumType.STRING)
    public UserStatus status;

    public String passwordHash;
    public Instant passwordChangedAt;
    public Instant createdAt;
    public Instant updatedAt;

    public void setEmail(String email) {
        this.email = email;
        this.emailNormalized = Usernames.canonical(email);
    }

    public enum UserStatus {
        /** Created without a password: cannot sign in until one is set. */
        INVITED,
        ACTIVE,
        DISABLED
    }
}
