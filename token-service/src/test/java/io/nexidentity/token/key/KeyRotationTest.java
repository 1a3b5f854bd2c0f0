package io.nexidentity.token.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.token.TestClock;
import io.nexidentity.token.TokenFixture;

/**
 * Rotation with overlap, driven through the rotator's schedule at chosen instants: a new key is published before it
 * signs; tokens signed before the rotation keep validating; once the old key is retired for good its tokens do not.
 */
@QuarkusTest
class KeyRotationTest {

    @Inject
    SigningKeyRotator rotator;

    @Inject
    SigningKeys keys;

    @Inject
    TestClock clock;

    @Test
    void rotateWhenScheduleAdvancesThenPublishAheadOverlapAndRetirement() throws Throwable {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application();
        var backend = fixture.automationClient(application.getString("application_id"), "RS256");
        var clientId = backend.getString("client_id");
        var secret = backend.getString("client_secret");
        var audience = application.getString("key");
        var issuer = fixture.issuer();
        var before = token(issuer, clientId, secret);
        var oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        var now = Instant.now();

        var published = check(fixture, now.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(30)));
        var nextKid = published.verifiers().keySet().stream()
                .filter(kid -> kid.startsWith("rs256-") && !kid.equals(oldKid))
                .findFirst()
                .orElseThrow();
        assertThat(jwksKids(fixture)).contains(oldKid, nextKid);
        assertThat(published.signer(JWSAlgorithm.RS256).orElseThrow().kid()).isEqualTo(oldKid);

        var rotated = check(fixture, now.plus(Duration.ofDays(31)));
        assertThat(rotated.signer(JWSAlgorithm.RS256).orElseThrow().kid()).isEqualTo(nextKid);
        var after = token(issuer, clientId, secret);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(nextKid);
        assertThat(jwksKids(fixture)).contains(oldKid, nextKid);
        assertThat(TokenFixture.active(issuer, clientId, secret, before)).isTrue();
        fixture.verifyWithJwks(before, audience);

        check(fixture, now.plus(Duration.ofDays(32)));
        assertThat(jwksKids(fixture)).doesNotContain(oldKid).contains(nextKid);
        assertThat(TokenFixture.active(issuer, clientId, secret, before)).isFalse();
        assertThat(TokenFixture.active(issuer, clientId, secret, after)).isTrue();
        assertThatThrownBy(() -> fixture.verifyWithJwks(before, audience)).isInstanceOf(Exception.class);
    }

    /**
     * A tenant's keys rotate on its own schedule: a tenant whose keys were created later keeps them while another's
     * are rotated, and no key of one ever shows in the other's key set.
     */
    @Test
    void rotateWhenOneTenantIsDueThenAnotherTenantsKeysStayAsTheyAre() throws Throwable {
        var early = TokenFixture.start("pro");
        early.oauth().get("/jwks").then().statusCode(200);
        var earlyKids = jwksKids(early);
        var now = Instant.now();
        var late = new TokenFixture(TenantFixture.register("pro", PlatformTestStack.url("tenant-service")), null);
        List<String> lateKids;
        try {
            clock.advance(Duration.ofDays(20));
            lateKids = jwksKids(late); // the issuer's first use: its keys start to sign 20 days from now
        } finally {
            clock.reset();
        }
        assertThat(lateKids).hasSize(2).doesNotContainAnyElementsOf(earlyKids);

        check(early, now.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(30)));

        assertThat(jwksKids(early)).containsAll(earlyKids).hasSize(4).doesNotContainAnyElementsOf(lateKids);
        assertThat(jwksKids(late)).containsExactlyInAnyOrderElementsOf(lateKids);
    }

    /** Steps the rotator to {@code at} (as its schedule would) and answers the tenant's ring as this instance has it. */
    private KeyRing check(TokenFixture fixture, Instant at) {
        rotator.check(at);
        return keys.ring(fixture.tenant().tenantId());
    }

    /** The kids in the tenant's JWKS. */
    private static List<String> jwksKids(TokenFixture fixture) {
        return fixture.oauth()
                .get("/jwks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keys.kid");
    }

    private static String token(String issuer, String clientId, String secret) {
        return TokenFixture.clientCredentials(issuer, clientId, secret, null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
