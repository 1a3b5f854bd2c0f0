package io.nexidentity.token.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.nexidentity.token.TokenFixture;

/**
 * A tenant chooses the algorithm of its access tokens through the tenant-service's admin API: clients that chose none
 * follow it (the bootstrap admin client too, whose tokens the admin APIs must still accept), clients that chose one
 * keep theirs, and a key of an algorithm new to the issuer is published ahead before it signs.
 */
@QuarkusTest
class TenantSigningTest {

    private static final Duration PUBLISHED_AHEAD = Duration.ofHours(1);

    @Inject
    SigningKeyRotator rotator;

    @Inject
    SigningKeys keys;

    @Test
    void chooseWhenTheIssuerKeysTheAlgorithmThenClientsWithoutAChoiceSignWithItAtTheNextCheck() throws Exception {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application();
        var following = fixture.automationClient(application.getString("application_id"), null);
        var pinned = fixture.automationClient(application.getString("application_id"), "RS256");
        assertThat(alg(token(fixture, following.getString("client_id"), following.getString("client_secret"))))
                .isEqualTo(JWSAlgorithm.RS256);

        choose(fixture, "ES256");
        awaitSigningWith(fixture, JWSAlgorithm.ES256, Instant.now());

        var token = token(fixture, following.getString("client_id"), following.getString("client_secret"));
        assertThat(alg(token)).isEqualTo(JWSAlgorithm.ES256);
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).startsWith("es256-");
        fixture.verifyWithJwks(token, application.getString("key"));
        assertThat(alg(token(fixture, pinned.getString("client_id"), pinned.getString("client_secret"))))
                .isEqualTo(JWSAlgorithm.RS256);
        var admin = adminToken(fixture);
        assertThat(alg(admin)).isEqualTo(JWSAlgorithm.ES256);
        adminCall(fixture, admin);
        assertThat(signingAlgorithmsInDiscovery(fixture)).containsExactly("ES256", "RS256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PS256", "EdDSA"})
    void chooseWhenTheAlgorithmIsNewToTheIssuerThenPublishedAheadThenSignsThenRetiredWhenNoLongerChosen(String name)
            throws Exception {
        var chosen = JWSAlgorithm.parse(name);
        var fixture = TokenFixture.start("pro");
        var application = fixture.application();
        var client = fixture.automationClient(application.getString("application_id"), null);
        var clientId = client.getString("client_id");
        var secret = client.getString("client_secret");
        token(fixture, clientId, secret);
        var now = Instant.now();

        choose(fixture, name);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            rotator.check(now);
            assertThat(jwksAlgorithms(fixture)).contains(name);
        });
        assertThat(alg(token(fixture, clientId, secret))).isEqualTo(JWSAlgorithm.RS256);
        assertThat(signingAlgorithmsInDiscovery(fixture)).doesNotContain(name);

        var signingFrom = now.plus(PUBLISHED_AHEAD).plusSeconds(60);
        awaitSigningWith(fixture, chosen, signingFrom);
        var token = token(fixture, clientId, secret);
        assertThat(alg(token)).isEqualTo(chosen);
        verifyWithJwks(fixture, token, application.getString("key"));
        assertThat(TokenFixture.active(fixture.issuer(), clientId, secret, token))
                .isTrue();
        var admin = adminToken(fixture);
        assertThat(alg(admin)).isEqualTo(chosen);
        adminCall(fixture, admin);
        assertThat(signingAlgorithmsInDiscovery(fixture)).contains(name);

        choose(fixture, "RS256");
        awaitSigningWith(fixture, JWSAlgorithm.RS256, signingFrom.plusSeconds(60));
        assertThat(alg(token(fixture, clientId, secret))).isEqualTo(JWSAlgorithm.RS256);
        assertThat(keys.ring(fixture.tenant().tenantId()).signer(chosen)).isEmpty();
        assertThat(jwksAlgorithms(fixture)).contains(name); // retired: published until its tokens have expired
        verifyWithJwks(fixture, token, application.getString("key"));
        assertThat(TokenFixture.active(fixture.issuer(), clientId, secret, token))
                .isTrue();
    }

    /**
     * Verifies as a relying party would, with the key the tenant's JWKS publishes. nimbus's key selectors take no
     * Ed25519 keys, so an EdDSA token is checked with the published key directly.
     */
    private static void verifyWithJwks(TokenFixture fixture, String token, String audience) throws Exception {
        var jwt = SignedJWT.parse(token);
        if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm())) {
            fixture.verifyWithJwks(token, audience);
            return;
        }
        var published = JWKSet.parse(fixture.oauth()
                        .get("/jwks")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new Ed25519Verifier(published.toOctetKeyPair()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(fixture.issuer());
        assertThat(jwt.getJWTClaimsSet().getAudience()).contains(audience);
    }

    private static void choose(TokenFixture fixture, String alg) {
        fixture.adminAt("tenant-service")
                .body(Map.of("access_token_signing_alg", alg))
                .put("/v1/tenant/signing")
                .then()
                .statusCode(200);
    }

    /** Steps the rotator at {@code at} until this instance's ring of the tenant signs access tokens with {@code alg}. */
    private void awaitSigningWith(TokenFixture fixture, JWSAlgorithm alg, Instant at) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            rotator.check(at);
            assertThat(keys.ring(fixture.tenant().tenantId()).accessTokenAlg()).isEqualTo(alg);
        });
    }

    private static String token(TokenFixture fixture, String clientId, String secret) {
        return TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static String adminToken(TokenFixture fixture) {
        return token(fixture, fixture.tenant().clientId(), fixture.tenant().clientSecret());
    }

    /** The tenant-service's admin API takes the token (quarkus-oidc, keys from the tenant's JWKS). */
    private static void adminCall(TokenFixture fixture, String token) {
        new TokenFixture(fixture.tenant(), token)
                .adminAt("tenant-service")
                .get("/v1/tenant/signing")
                .then()
                .statusCode(200);
    }

    private static JWSAlgorithm alg(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getAlgorithm();
    }

    private static List<String> jwksAlgorithms(TokenFixture fixture) {
        return fixture.oauth()
                .get("/jwks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keys.alg");
    }

    /** What the discovery document says access tokens are signed with, once its copy kept a few seconds is gone. */
    private static List<String> signingAlgorithmsInDiscovery(TokenFixture fixture) throws InterruptedException {
        Thread.sleep(6_000);
        return fixture.oauth()
                .get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("access_token_signing_alg_values_supported");
    }
}
