package io.nexidentity.token.introspection;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.issuance.AccessTokenIssuer;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.key.KeyRing;
import io.nexidentity.token.key.SigningKeys;
import io.nexidentity.token.revocation.RevokedTokens;

/**
 * Recognizes a tenant issuer's own access tokens: {@code at+jwt}, signed by a key the tenant publishes with that key's
 * algorithm, naming the tenant's issuer, within its validity, not revoked. Tokens of the shared issuer of old are
 * still recognized, while its keys are published, for the tenant they name. Anything else (another tenant's token
 * above all) is simply not a valid token.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Pattern CUSTOM_DOMAIN_ISSUER = Pattern.compile("https://[a-z0-9.-]+");

    private final SigningKeys keys;
    private final RevokedTokens revoked;
    private final String platformUrl;
    private final Clock clock;
    /**
     * Tokens whose signature was checked, by their exact text: a resource server introspects the same token on every
     * call it receives, and the signature check is most of an introspection's cost. A hit still needs its key to be
     * published; expiry, revocation and the client's state are checked on every call.
     */
    private final Cache<String, Verified> verified;

    AccessTokenVerifier(
            SigningKeys keys,
            RevokedTokens revoked,
            TokenConfig config,
            @ConfigProperty(name = "nexid.issuer") String platformUrl,
            Clock clock) {
        this.keys = keys;
        this.revoked = revoked;
        this.platformUrl = platformUrl;
        this.verified = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(config.accessTokenLifetime())
                .build();
        this.clock = clock;
    }

    /** The claims of a valid token, or empty. Revocation is not checked when {@code ignoreRevocation} is set. */
    public Optional<JWTClaimsSet> verify(TenantIssuer issuer, String token, boolean ignoreRevocation) {
        return signedHere(issuer, token).flatMap(jwt -> {
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
     * A JWT the tenant's issuer signed, of any kind and age: signed by a key the tenant publishes with that key's
     * algorithm, naming the tenant's issuer (or, for a token of the shared issuer of old, naming the tenant). Nothing
     * else is checked (logout accepts expired ID tokens as hints).
     */
    public Optional<SignedJWT> signedHere(TenantIssuer issuer, String token) {
        var known = verified.getIfPresent(token);
        if (known != null) {
            return Optional.of(known.jwt())
                    .filter(jwt -> known.tenantId().equals(issuer.tenantId())
                            && ring(issuer, known.shared())
                                    .verifier(jwt.getHeader().getKeyID())
                                    .isPresent());
        }
        try {
            var jwt = SignedJWT.parse(token);
            var header = jwt.getHeader();
            var claims = jwt.getJWTClaimsSet();
            var shared = platformUrl.equals(claims.getIssuer());
            var verifier = ring(issuer, shared).verifier(header.getKeyID()).orElse(null);
            if (verifier == null
                    || !verifier.alg().equals(header.getAlgorithm())
                    || !(shared
                            ? issuer.tenantId().toString().equals(claims.getClaim("tenant_id"))
                            : namesTheTenant(issuer, claims.getIssuer()))
                    || !jwt.verify(verifier.verifier())) {
                return Optional.empty();
            }
            verified.put(token, new Verified(jwt, issuer.tenantId(), shared));
            return Optional.of(jwt);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code iss} is one of the tenant's issuers: the one asked, its slug's, or a custom domain's (a token keeps
     * the issuer it was issued under while the tenant moves between them). The tenant's own key proves the token is
     * the tenant's; this only keeps out what no issuer of ours would name.
     */
    private boolean namesTheTenant(TenantIssuer issuer, String iss) {
        return iss != null
                && (iss.equals(issuer.url())
                        || iss.equals(issuer.slugUrl())
                        || CUSTOM_DOMAIN_ISSUER.matcher(iss).matches());
    }

    private KeyRing ring(TenantIssuer issuer, boolean shared) {
        return shared ? keys.shared() : keys.ring(issuer.tenantId());
    }

    /** A token whose signature checked out, and whose keys it was: a tenant's, or the shared issuer's of old. */
    private record Verified(SignedJWT jwt, UUID tenantId, boolean shared) {}
}
