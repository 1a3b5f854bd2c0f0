package io.nexidentity.token.key;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signing key and where it is in its life: published ahead, signing, retired (still published), expired. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    public String kid;

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
