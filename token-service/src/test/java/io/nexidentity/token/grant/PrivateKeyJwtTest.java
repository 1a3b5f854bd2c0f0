package io.nexidentity.token.grant;

import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.token.TokenFixture;

/** private_key_jwt (RFC 7523): a client proves itself with a JWT signed by a key it registered. */
@QuarkusTest
class PrivateKeyJwtTest {

    @Inject
    Pool pool;

    @Test
    void assertionWhenSignedByRegisteredKeyThenTokenAndEveryForgeryRefused() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("k1").generate();
        var fixture = TokenFixture.start("pro");
        var clientId = signedClient(fixture, key);
        var tokenEndpoint = fixture.issuer() + "/token";

        var assertion =
                assertion(key, clientId, tokenEndpoint, UUID.randomUUID().toString());
        token(fixture, assertion).statusCode(200).body("scope", equalTo("orders:read"));
        token(fixture, assertion).statusCode(401).body("error", equalTo("invalid_client"));

        token(
                        fixture,
                        assertion(
                                key,
                                clientId,
                                "https://elsewhere.example/token",
                                UUID.randomUUID().toString()))
                .statusCode(401);
        token(
                        fixture,
                        assertion(
                                new RSAKeyGenerator(2048).keyID("k1").generate(),
                                clientId,
                                tokenEndpoint,
                                UUID.randomUUID().toString()))
                .statusCode(401);
        var hmac = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                claims(clientId, tokenEndpoint, UUID.randomUUID().toString()));
        hmac.sign(new MACSigner("a shared secret that is at least 256 bits long!!"));
        token(fixture, hmac.serialize()).statusCode(401);
    }

    @Test
    void assertionWhenAudienceIsNotExactlyIssuerOrTokenEndpointOrJtiWasUsedElsewhereThenRefused() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("k1").generate();
        var fixture = TokenFixture.start("pro");
        var clientId = signedClient(fixture, key);
        var issuer = fixture.issuer();

        token(fixture, assertion(key, clientId, issuer, UUID.randomUUID().toString()))
                .statusCode(200);
        for (var audience : List.of(issuer + "/introspect", issuer + "/revoke", issuer + "/token/", issuer + "/")) {
            token(fixture, assertion(key, clientId, audience, UUID.randomUUID().toString()))
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
        }
        var mixed = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder()
                        .issuer(clientId)
                        .subject(clientId)
                        .audience(List.of(issuer + "/token", "https://resource.example/"))
                        .expirationTime(new Date(System.currentTimeMillis() + 120_000))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        mixed.sign(new RSASSASigner(key));
        token(fixture, mixed.serialize()).statusCode(401);

        // Used on another instance (or before a restart): the shared store refuses it here.
        var jti = UUID.randomUUID().toString();
        pool.preparedQuery("insert into client_assertion_jti (client_id, jti, expires_at)"
                        + " values ($1, $2, now() + interval '5 minutes')")
                .execute(Tuple.of(clientId, jti))
                .await()
                .atMost(Duration.ofSeconds(10));
        token(fixture, assertion(key, clientId, issuer + "/token", jti)).statusCode(401);
    }

    /** An automation client of a new application of the tenant, registered for private_key_jwt with {@code key}. */
    private static String signedClient(TokenFixture fixture, RSAKey key) {
        return fixture.client(Map.of(
                        "application_id",
                        fixture.application().getString("application_id"),
                        "name",
                        "signed",
                        "profile",
                        "automation",
                        "scopes",
                        List.of("orders:read"),
                        "token_endpoint_auth_method",
                        "private_key_jwt",
                        "jwks",
                        Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))))
                .getString("client_id");
    }

    private static ValidatableResponse token(TokenFixture fixture, String assertion) {
        return fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion)
                .post("/token")
                .then();
    }

    private static String assertion(RSAKey key, String clientId, String audience, String jti) throws Exception {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(clientId, audience, jti));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String clientId, String audience, String jti) {
        return new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .expirationTime(new Date(System.currentTimeMillis() + 120_000))
                .jwtID(jti)
                .build();
    }
}
