package io.nexidentity.token.key;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's signing key and where it is in its life: published ahead, signing, retired (still published), expired. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    public String kid;

    /** The tenant whose issuer publishes the key; null for a key of the shared issuer of old. */
    public UUID tenantId;

    public String alg;

    @Enumerated(EnumType.STRING)
    public KeyStatus status;

    public String publicJwk;
    public String privateKeySealed;
    public Instant createdAt;
    public Instant activatesAt;
    public Instant retiredAt;
    public Instant publishedUntil;

    public enum KeyStatus {
        NEXT,
        ACTIVE,
        RETIRED,
        EXPIRED
    }
}
