package io.nexidentity.token.introspection;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.token.TokenFixture;
import io.nexidentity.token.key.KeyRing;
import io.nexidentity.token.key.SigningKeys;

/** Introspection (RFC 7662) and revocation (RFC 7009), and the forged tokens both must see through. */
@QuarkusTest
class IntrospectionAndRevocationTest {

    @Inject
    SigningKeys keys;

    @Test
    void introspectWhenValidTokenOfOwnTenantThenActiveWithItsClaims() {
        var fixture = TokenFixture.start("pro");
        var backend = Client.automation(fixture, fixture.application());

        introspect(backend, backend.token())
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("token_type", equalTo("Bearer"))
                .body("client_id", equalTo(backend.clientId()))
                .body("scope", equalTo("orders:read orders:write"))
                .body("aud", contains(backend.applicationKey()))
                .body("iss", equalTo(fixture.issuer()))
                .body("tenant_id", equalTo(fixture.tenant().tenantId().toString()));
    }

    @Test
    void introspectWhenCallerOfAnotherTenantThenInactive() {
        var owner = TokenFixture.start("pro");
        var other = TokenFixture.start("pro");
        var token = Client.automation(owner, owner.application()).token();

        introspect(Client.automation(other, other.application()), token).body("active", equalTo(false));
    }

    @Test
    void introspectWhenTokenIsForAnotherApplicationOfTheTenantThenInactiveButForItsOwnApplicationActive() {
        var fixture = TokenFixture.start("pro");
        var orders = fixture.application();
        var backend = Client.automation(fixture, orders);
        var resourceServer = Client.automation(fixture, orders);
        var elsewhere = Client.automation(fixture, fixture.application());

        introspect(resourceServer, backend.token()).body("active", equalTo(true));
        introspect(elsewhere, backend.token()).body("active", equalTo(false));
    }

    @Test
    void introspectWhenAdminTokenThenInactiveForEveryTenantClientEvenItsOwn() {
        var fixture = TokenFixture.start("pro");
        var backend = Client.automation(fixture, fixture.application());

        introspect(Client.bootstrap(fixture), fixture.adminToken()).body("active", equalTo(false));
        introspect(backend, fixture.adminToken()).body("active", equalTo(false));
    }

    @Test
    void introspectWhenForgedThenInactive() throws Exception {
        var fixture = TokenFixture.start("pro");
        var backend = Client.automation(fixture, fixture.application());
        var real = SignedJWT.parse(backend.token());
        var claims = real.getJWTClaimsSet();
        var ring = keys.ring(fixture.tenant().tenantId());
        var signer = ring.signer(JWSAlgorithm.RS256).orElseThrow();

        var unsigned = new PlainJWT(
                        new PlainHeader.Builder()
                                .type(new JOSEObjectType("at+jwt"))
                                .build(),
                        claims)
                .serialize();
        introspect(backend, unsigned).body("active", equalTo(false));

        var publicKeyAsHmacSecret = ring.jwks().getBytes(StandardCharsets.UTF_8);
        var confused = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(signer.kid())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                claims);
        confused.sign(new MACSigner(publicKeyAsHmacSecret));
        introspect(backend, confused.serialize()).body("active", equalTo(false));

        var foreignKey = new RSAKeyGenerator(2048).keyID(signer.kid()).generate();
        var foreign = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signer.kid())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                claims);
        foreign.sign(new RSASSASigner(foreignKey));
        introspect(backend, foreign.serialize()).body("active", equalTo(false));

        var unknownKid = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("rs256-unknown")
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                claims);
        unknownKid.sign(signer.signer());
        introspect(backend, unknownKid.serialize()).body("active", equalTo(false));

        introspect(
                        backend,
                        sign(
                                signer,
                                withTimes(
                                        claims,
                                        Instant.now().minusSeconds(7200),
                                        Instant.now().minusSeconds(3600))))
                .body("active", equalTo(false));
        introspect(
                        backend,
                        sign(
                                signer,
                                withTimes(
                                        claims,
                                        Instant.now().plusSeconds(3600),
                                        Instant.now().plusSeconds(7200))))
                .body("active", equalTo(false));
        introspect(
                        backend,
                        sign(
                                signer,
                                withTimes(claims, Instant.now(), Instant.now().plusSeconds(600))))
                .body("active", equalTo(true));

        var tampered = backend.token().substring(0, backend.token().lastIndexOf('.') + 1) + "AAAA";
        introspect(backend, tampered).body("active", equalTo(false));
    }

    @Test
    void revokeWhenOwnTokenThenInactiveEverywhere() {
        var fixture = TokenFixture.start("pro");
        var backend = Client.automation(fixture, fixture.application());
        var token = backend.token();

        fixture.oauth()
                .auth()
                .preemptive()
                .basic(backend.clientId(), backend.secret())
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .formParam("token_type_hint", "access_token")
                .post("/revoke")
                .then()
                .statusCode(200);

        introspect(backend, token).body("active", equalTo(false));
    }

    @Test
    void revokeWhenAnotherInstanceRevokedThenInactiveHereOnceItsEventArrives() throws Exception {
        var fixture = TokenFixture.start("pro");
        var backend = Client.automation(fixture, fixture.application());
        var token = backend.token();
        var jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        introspect(backend, token).body("active", equalTo(true));

        var tenant = fixture.tenant().tenantId().toString();
        var event = """
                {"specversion":"1.0","id":"%s","source":"/nexid/token-service","type":"%s","subject":"%s",
                 "time":"%s","tenantid":"%s","data":{"jti":"%s","client_id":"%s","token_type":"access_token",
                 "expires_at":"%s"}}""";
        var now = Instant.now();
        var expires = now.plusSeconds(3600);
        var client = backend.clientId();
        EventLog.produce(
                Topic.AUTH,
                tenant,
                event.formatted(UUID.randomUUID(), "nexid.token.issued.v1", jti, now, tenant, jti, client, expires));
        EventLog.produce(
                Topic.AUTH,
                tenant,
                event.formatted(UUID.randomUUID(), "nexid.token.revoked.v1", jti, now, tenant, jti, client, expires));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !introspect(backend, token).extract().<Boolean>path("active"));
    }

    @Test
    void revokeWhenAnotherClientsTokenThenAnswered200ButNothingRevoked() {
        var owner = TokenFixture.start("pro");
        var other = TokenFixture.start("pro");
        var backend = Client.automation(owner, owner.application());

        other.oauth()
                .auth()
                .preemptive()
                .basic(other.tenant().clientId(), other.tenant().clientSecret())
                .contentType(ContentType.URLENC)
                .formParam("token", backend.token())
                .post("/revoke")
                .then()
                .statusCode(200);
        other.oauth()
                .auth()
                .preemptive()
                .basic(other.tenant().clientId(), other.tenant().clientSecret())
                .contentType(ContentType.URLENC)
                .formParam("token", "not-a-token")
                .post("/revoke")
                .then()
                .statusCode(200);

        introspect(backend, backend.token()).body("active", equalTo(true));
    }

    @Test
    void introspectWhenCallerNotAuthenticatedThenInvalidClient() {
        TokenFixture.start("pro")
                .oauth()
                .contentType(ContentType.URLENC)
                .formParam("token", "x")
                .post("/introspect")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    /** A client of the tenant (whose endpoints are at {@code issuer}) with a token issued to it. */
    private record Client(String issuer, String clientId, String secret, String applicationKey, String token) {

        /** An automation client of the application, and a client-credentials token of its. */
        static Client automation(TokenFixture fixture, JsonPath application) {
            var client = fixture.automationClient(application.getString("application_id"), "RS256");
            var clientId = client.getString("client_id");
            var secret = client.getString("client_secret");
            var token = TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                    .then()
                    .statusCode(200)
                    .extract()
                    .<String>path("access_token");
            return new Client(fixture.issuer(), clientId, secret, application.getString("key"), token);
        }

        static Client bootstrap(TokenFixture fixture) {
            return new Client(
                    fixture.issuer(),
                    fixture.tenant().clientId(),
                    fixture.tenant().clientSecret(),
                    null,
                    fixture.adminToken());
        }
    }

    /** Introspection at the caller's tenant's issuer, authenticated as the caller. */
    private static ValidatableResponse introspect(Client caller, String token) {
        return TokenFixture.oauthAt(caller.issuer())
                .auth()
                .preemptive()
                .basic(caller.clientId(), caller.secret())
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("/introspect")
                .then()
                .statusCode(200);
    }

    private static JWTClaimsSet withTimes(JWTClaimsSet claims, Instant notBefore, Instant expires) {
        return new JWTClaimsSet.Builder(claims)
                .jwtID(UUID.randomUUID().toString())
                .notBeforeTime(Date.from(notBefore))
                .issueTime(Date.from(notBefore))
                .expirationTime(Date.from(expires))
                .audience(claims.getAudience())
                .build();
    }

    private static String sign(KeyRing.Signer signer, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(signer.alg())
                        .keyID(signer.kid())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                claims);
        jwt.sign(signer.signer());
        return jwt.serialize();
    }
}
