package io.nexidentity.runtime.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * An OpenID provider for admin-API tests until the token-service issues tokens: it serves a discovery document and a
 * JWKS over real HTTP, so the service under test validates tokens through {@code quarkus-oidc} exactly as it will
 * against the token-service, and it signs tokens with its RSA key.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_AUDIENCE = "nexidentity-admin";

    private static RsaJsonWebKey key;
    private static String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-" + UUID.randomUUID());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, discovery()));
        server.createContext("/jwks", exchange -> json(exchange, new JsonWebKeySet(key).toJson()));
        server.start();
        return Map.of("quarkus.oidc.auth-server-url", issuer);
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** An admin access token of {@code tenantId}, as the tenant's bootstrap client would get it. */
    public static String adminToken(UUID tenantId) {
        var claims = baseClaims("client-" + tenantId);
        claims.setClaim("tenant_id", tenantId.toString());
        claims.setClaim("scope", "nexidentity.admin");
        return sign(claims);
    }

    /**
     * An admin access token of {@code tenantId} carrying exactly {@code permissions} (a member's, or a service
     * account's), besides the admin scope.
     */
    public static String tokenWithPermissions(UUID tenantId, Collection<String> permissions) {
        var claims = baseClaims("member-" + tenantId);
        claims.setClaim("tenant_id", tenantId.toString());
        claims.setClaim("scope", "nexidentity.admin");
        claims.setStringListClaim("permissions", List.copyOf(permissions));
        return sign(claims);
    }

    /** A token with the given claims on top of valid iss, aud, iat, exp and jti. */
    public static String token(String subject, Map<String, Object> extraClaims) {
        var claims = baseClaims(subject);
        extraClaims.forEach(claims::setClaim);
        return sign(claims);
    }

    /** A token signed by a key the issuer never published. */
    public static String tokenSignedByForeignKey(UUID tenantId) {
        try {
            var foreign = RsaJwkGenerator.generateJwk(2048);
            foreign.setKeyId(key.getKeyId());
            var claims = baseClaims("intruder");
            claims.setClaim("tenant_id", tenantId.toString());
            claims.setClaim("scope", "nexidentity.admin");
            return sign(claims, foreign);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims baseClaims(String subject) {
        var claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(ADMIN_AUDIENCE);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setGeneratedJwtId();
        return claims;
    }

    private static String sign(JwtClaims claims) {
        return sign(claims, key);
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey signingKey) {
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey.getPrivateKey());
        jws.setKeyIdHeaderValue(signingKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "at+jwt");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String discovery() {
        return """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks","token_endpoint":"%1$s/token",\
                "authorization_endpoint":"%1$s/authorize","response_types_supported":["code"],\
                "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer);
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
