package io.nexidentity.token.key;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import io.nexidentity.token.TokenFixture;

/**
 * Rotation with overlap, driven through the rotator's schedule at chosen instants: a new key is published before it
 * signs; tokens signed before the rotation keep validating; once the old key is retired for good its tokens do not.
 */
@QuarkusTest
class KeyRotationTest {

    @Inject
    SigningKeyRotator rotator;

    @Test
    void rotateWhenScheduleAdvancesThenPublishAheadOverlapAndRetirement() throws Throwable {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application();
        var backend = fixture.automationClient(application.getString("application_id"), "RS256");
        var clientId = backend.getString("client_id");
        var secret = backend.getString("client_secret");
        var audience = application.getString("key");
        var before = token(clientId, secret);
        var oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        var now = Instant.now();

        var published = check(now.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(30)));
        var nextKid = published.verifiers().keySet().stream()
                .filter(kid -> kid.startsWith("rs256-") && !kid.equals(oldKid))
                .findFirst()
                .orElseThrow();
        assertThat(jwksKids()).contains(oldKid, nextKid);
        assertThat(published.signer(JWSAlgorithm.RS256).orElseThrow().kid()).isEqualTo(oldKid);

        var rotated = check(now.plus(Duration.ofDays(31)));
        assertThat(rotated.signer(JWSAlgorithm.RS256).orElseThrow().kid()).isEqualTo(nextKid);
        var after = token(clientId, secret);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(nextKid);
        assertThat(jwksKids()).contains(oldKid, nextKid);
        assertThat(active(clientId, secret, before)).isTrue();
        TokenFixture.verifyWithJwks(before, audience);

        check(now.plus(Duration.ofDays(32)));
        assertThat(jwksKids()).doesNotContain(oldKid).contains(nextKid);
        assertThat(active(clientId, secret, before)).isFalse();
        assertThat(active(clientId, secret, after)).isTrue();
        assertThatThrownBy(() -> TokenFixture.verifyWithJwks(before, audience)).isInstanceOf(Exception.class);
    }

    private KeyRing check(Instant at) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> rotator.check(at));
    }

    private static List<String> jwksKids() {
        return given().get("/jwks").then().statusCode(200).extract().jsonPath().getList("keys.kid");
    }

    private static String token(String clientId, String secret) {
        return TokenFixture.clientCredentials(clientId, secret, null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static boolean active(String clientId, String secret, String token) {
        return TokenFixture.active("http://127.0.0.1:" + RestAssured.port, clientId, secret, token);
    }
}
