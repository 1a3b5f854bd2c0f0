package io.nexidentity.client.secret;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One secret of a client, only as its keyed hash; valid until it expires or is revoked. */
@Entity
@Table(name = "client_secret")
public class ClientSecret {

    @Id
    public UUID id;

    public String clientId;
    public String hash;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant revokedAt;

    public boolean validAt(Instant when) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(when));
    }
}
