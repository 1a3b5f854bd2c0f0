package io.nexidentity.tenant.recovery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recovery link sent by email: the token only as its keyed hash. */
@Entity
@Table(name = "password_recovery")
public class PasswordRecovery {

    @Id
    public UUID id;

    public UUID tenantId;
    public UUID userId;
    public String clientId;
    public String tokenHash;
    public Instant expiresAt;
    public Instant usedAt;
    public Instant createdAt;

    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }
}
