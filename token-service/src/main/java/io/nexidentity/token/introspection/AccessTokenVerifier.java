package io.nexidentity.token.introspection;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.issuance.AccessTokenIssuer;
import io.nexidentity.token.key.SigningKeys;
import io.nexidentity.token.revocation.RevokedTokens;

/**
 * Recognizes this issuer's own access tokens: {@code at+jwt}, signed by a published key with that key's algorithm,
 * issued here, within its validity, not revoked. Anything else is simply not a valid token.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final SigningKeys keys;
    private final RevokedTokens revoked;
    private final String issuer;
    private final Clock clock;
    /**
     * Tokens whose signature was checked, by their exact text: a resource server introspects the same token on every
     * call it receives, and the signature check is most of an introspection's cost. A hit still needs its key to be
     * published; expiry, revocation and the client's state are checked on every call.
     */
    private final Cache<String, SignedJWT> verified;

    AccessTokenVerifier(
            SigningKeys keys,
            RevokedTokens revoked,
            TokenConfig config,
            @ConfigProperty(name = "nexid.issuer") String issuer,
            Clock clock) {
        this.keys = keys;
        this.revoked = revoked;
        this.issuer = issuer;
        this.verified = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(config.accessTokenLifetime())
                .build();
        this.clock = clock;
    }

    /** The claims of a valid token, or empty. Revocation is not checked when {@code ignoreRevocation} is set. */
    public Optional<JWTClaimsSet> verify(String token, boolean ignoreRevocation) {
        return signedHere(token).flatMap(jwt -> {
            if (!AccessTokenIssuer.AT_JWT.equals(jwt.getHeader().getType())) {
                return Optional.empty();
            }
            try {
                var claims = jwt.getJWTClaimsSet();
                var now = clock.instant();
                if (claims.getExpirationTime() == null
                        || !claims.getExpirationTime().toInstant().plus(SKEW).isAfter(now)
                        || (claims.getNotBeforeTime() != null
                                && claims.getNotBeforeTime()
                                        .toInstant()
                                        .minus(SKEW)
                                        .isAfter(now))
                        || claims.getJWTID() == null
                        || (!ignoreRevocation && revoked.isRevoked(claims.getJWTID()))) {
                    return Optional.empty();
                }
                return Optional.of(claims);
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * A JWT this issuer signed, of any kind and age: signed by a published key with that key's algorithm, naming this
     * issuer. Nothing else is checked (logout accepts expired ID tokens as hints).
     */
    public Optional<SignedJWT> signedHere(String token) {
        var known = verified.getIfPresent(token);
        if (known != null && keys.ring().verifier(known.getHeader().getKeyID()).isPresent()) {
            return Optional.of(known);
        }
        try {
            var jwt = SignedJWT.parse(token);
            var header = jwt.getHeader();
            var verifier = keys.ring().verifier(header.getKeyID()).orElse(null);
            if (verifier == null
                    || !verifier.alg().equals(header.getAlgorithm())
                    || !jwt.verify(verifier.verifier())
                    || !issuer.equals(jwt.getJWTClaimsSet().getIssuer())) {
                return Optional.empty();
            }
            verified.put(token, jwt);
            return Optional.of(jwt);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
