package io.nexidentity.token.clientauth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.mtls.MtlsListener;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;

/**
 * A JWT signed with one of the client's registered keys (RFC 7523, OpenID Connect Core section 9): {@code iss} and
 * {@code sub} are the client id, {@code aud} is exactly this issuer or its token endpoint (RFC 7523 section 3, RFC 9700
 * section 2.4; the mutual-TLS alias of the token endpoint too), it expires within minutes, and its {@code jti} is used
 * once: used ids are kept in the database until the assertion expires, so a replay is refused by every instance and
 * after a restart. Only asymmetric algorithms are accepted.
 */
@ApplicationScoped
public class PrivateKeyJwt implements ClientAuthenticator {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private static final int MAX_JTI_LENGTH = 256;

    private final MtlsListener mtls;
    private final Pool pool;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
    private final Clock clock;

    PrivateKeyJwt(MtlsListener mtls, Pool pool, Clock clock) {
        this.mtls = mtls;
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public String method() {
        return "private_key_jwt";
    }

    @Override
    public boolean presentIn(OAuthRequest request) {
        return request.param("client_assertion") != null || request.param("client_assertion_type") != null;
    }

    @Override
    public String claimedClientId(OAuthRequest request) {
        if (!ASSERTION_TYPE.equals(request.param("client_assertion_type"))) {
            throw OAuthError.invalidClient("client_assertion_type must be " + ASSERTION_TYPE + ".", false);
        }
        try {
            var subject = parse(request).getJWTClaimsSet().getSubject();
            if (subject == null) {
                throw OAuthError.invalidClient("The client assertion has no sub.", false);
            }
            return subject;
        } catch (ParseException e) {
            throw OAuthError.invalidClient("The client assertion is not a JWT.", false);
        }
    }

    @Override
    public Uni<RegisteredClient> verify(OAuthRequest request, RegisteredClient client) {
        try {
            var jwt = parse(request);
            var claims = jwt.getJWTClaimsSet();
            var now = clock.instant();
            var alg = jwt.getHeader().getAlgorithm();
            if (!ALGORITHMS.contains(alg)) {
                return refuse("The client assertion must be signed with RS256, PS256 or ES256.");
            }
            if (!client.clientId().equals(claims.getIssuer())
                    || !client.clientId().equals(claims.getSubject())) {
                return refuse("The client assertion's iss and sub must be the client id.");
            }
            if (claims.getAudience().isEmpty()
                    || !claims.getAudience().stream().allMatch(aud -> audience(request.issuer(), aud))) {
                return refuse("The client assertion's aud must be this issuer or its token endpoint.");
            }
            if (claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().plus(SKEW).isAfter(now)
                    || claims.getExpirationTime().toInstant().isAfter(now.plus(MAX_LIFETIME))) {
                return refuse("The client assertion is expired or lives longer than 10 minutes.");
            }
            if (!signedByClient(jwt, client)) {
                return refuse("The client assertion's signature does not verify with the client's keys.");
            }
            var jti = claims.getJWTID();
            if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH || jti.indexOf('\0') >= 0) {
                return refuse("The client assertion has no usable jti.");
            }
            return pool.preparedQuery("insert into client_assertion_jti (client_id, jti, expires_at)"
                            + " values ($1, $2, $3) on conflict do nothing")
                    .execute(Tuple.of(
                            client.clientId(),
                            jti,
                            claims.getExpirationTime().toInstant().plus(SKEW).atOffset(ZoneOffset.UTC)))
                    .flatMap(rows -> rows.rowCount() == 1
                            ? Uni.createFrom().item(client)
                            : refuse("The client assertion was used before."));
        } catch (ParseException | JOSEException e) {
            return refuse("The client assertion cannot be verified.");
        }
    }

    private boolean signedByClient(SignedJWT jwt, RegisteredClient client) throws ParseException, JOSEException {
        if (client.jwks() == null) {
            return false;
        }
        var kid = jwt.getHeader().getKeyID();
        for (JWK key : JWKSet.parse(client.jwks()).getKeys()) {
            if (kid != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            var publicKey = key instanceof RSAKey rsa ? rsa.toRSAPublicKey() : ((ECKey) key).toECPublicKey();
            if (jwt.verify(verifiers.createJWSVerifier(jwt.getHeader(), publicKey))) {
                return true;
            }
        }
        return false;
    }

    private static SignedJWT parse(OAuthRequest request) throws ParseException {
        return SignedJWT.parse(request.required("client_assertion"));
    }

    /** One of the tenant's issuers (the one asked, or its slug's), or its token endpoint (either listener's). */
    private boolean audience(TenantIssuer issuer, String aud) {
        return aud.equals(issuer.url())
                || aud.equals(issuer.endpoint("/token"))
                || aud.equals(issuer.slugUrl())
                || aud.equals(issuer.slugUrl() + "/token")
                || (mtls.enabled() && aud.equals(mtls.baseUrl() + issuer.mtlsPath() + "/token"));
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.query("delete from client_assertion_jti where expires_at < now()")
                .execute()
                .replaceWithVoid();
    }

    private static <T> Uni<T> refuse(String description) {
        return Uni.createFrom().failure(OAuthError.invalidClient(description, false));
    }
}
