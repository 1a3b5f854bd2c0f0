package io.nexidentity.token.issuance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.TokenIssued;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.key.SigningKeys;

/**
 * Mints JWT access tokens (RFC 9068: {@code typ: at+jwt}, {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code
 * iat}, {@code nbf}, {@code jti}, {@code client_id}, {@code scope}) with the tenant context claims, signed with the
 * client's algorithm (the one its tenant chose, unless the client chose one) and the key of the tenant issuer it is
 * issued under. CPU only: no I/O, and the issuance event is queued, not sent.
 */
@ApplicationScoped
public class AccessTokenIssuer {

    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;
    private final HotPathEvents events;
    private final TokenConfig config;
    private final Clock clock;

    AccessTokenIssuer(SigningKeys keys, HotPathEvents events, TokenConfig config, Clock clock) {
        for (var lifetime : new Duration[] {config.accessTokenLifetime(), config.machineAdminTokenLifetime()}) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("access token lifetimes must be positive, not " + lifetime);
            }
        }
        this.keys = keys;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param issuer the tenant issuer the token is issued under: its {@code iss}, signed with its keys
     * @param subject the resource owner, or the client itself for client credentials
     * @param claims tenant context and other claims to add
     */
    public Uni<IssuedToken> issue(
            TenantIssuer issuer,
            RegisteredClient client,
            String subject,
            Set<String> scopes,
            List<String> audience,
            Map<String, Object> claims,
            String grantType,
            String authenticationMethod) {
        var ring = keys.ring(issuer.tenantId());
        var alg = client.accessTokenSigningAlg() == null
                ? ring.accessTokenAlg()
                : JWSAlgorithm.parse(client.accessTokenSigningAlg());
        var signer = ring.signer(alg).orElseThrow(() -> new IllegalStateException("no active " + alg + " key"));
        var now = clock.instant();
        var lifetime = lifetime(client, audience);
        var expiresAt = now.plus(lifetime);
        var jti = UUID.randomUUID().toString();
        var scope = String.join(" ", scopes);
        var builder = new JWTClaimsSet.Builder()
                .issuer(issuer.url())
                .subject(subject)
                .audience(audience)
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID(jti)
                .claim("client_id", client.clientId())
                .claim("scope", scope);
        claims.forEach(builder::claim);
        var jwt = new SignedJWT(
                new JWSHeader.Builder(alg).keyID(signer.kid()).type(AT_JWT).build(), builder.build());
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return events.publish(
                        AuthEvents.TOKEN_ISSUED,
                        jti,
                        client.tenantId().toString(),
                        new TokenIssued(
                                grantType,
                                client.clientId(),
                                client.organizationId() == null
                                        ? null
                                        : client.organizationId().toString(),
                                subject,
                                scope,
                                audience,
                                jti,
                                expiresAt,
                                authenticationMethod))
                .replaceWith(new IssuedToken(jwt.serialize(), jti, scope, lifetime.toSeconds(), expiresAt));
    }

    /** A machine's admin token lives shorter: nothing checks it against the machine's current rights before it ends. */
    private Duration lifetime(RegisteredClient client, List<String> audience) {
        var lifetime = config.accessTokenLifetime();
        if (!client.adminClient() && audience.contains(RegisteredClient.ADMIN_AUDIENCE)) {
            return lifetime.compareTo(config.machineAdminTokenLifetime()) < 0
                    ? lifetime
                    : config.machineAdminTokenLifetime();
        }
        return lifetime;
    }

    public record IssuedToken(String value, String jti, String scope, long expiresIn, Instant expiresAt) {}
}
