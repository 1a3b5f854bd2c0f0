package io.nexidentity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.issuer.TenantIssuerUrls;

/**
 * Two instances of the packaged token-service on one database and one Kafka, as behind a Service with two replicas:
 * what one issues the other introspects, what one revokes the other refuses once the revocation event arrives, and
 * both publish the same keys for a tenant.
 */
class TwoInstancesIT {

    private static final PlatformTestStack STACK = new PlatformTestStack();
    private static String first;
    private static String second;

    @BeforeAll
    static void startTwoInstances() {
        STACK.init(Map.of(
                "services", "tenant-service,application-service,client-service", "issuer", "service-under-test"));
        STACK.start();
        // The test fixtures of the mutual-TLS listener are not in the packaged jar; this test does not need it.
        STACK.launchModuleInstance(PlatformTestStack.serviceUnderTestPort(), "nexid.token.mtls.enabled=false");
        var secondPort = PlatformTestStack.freePort();
        STACK.launchModuleInstance(secondPort, "nexid.token.mtls.enabled=false", "quarkus.flyway.clean-at-start=false");
        first = PlatformTestStack.serviceUnderTestUrl();
        second = "http://127.0.0.1:" + secondPort;
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = PlatformTestStack.serviceUnderTestPort();
    }

    @AfterAll
    static void stop() {
        STACK.stop();
        RestAssured.reset();
    }

    @Test
    void revokeWhenDoneThroughOneInstanceThenTheOtherAnswersInactive() {
        var fixture = TokenFixture.start("pro");
        var client = fixture.automationClient(fixture.application().getString("application_id"), "ES256");
        var clientId = client.getString("client_id");
        var secret = client.getString("client_secret");
        var onFirst = issuerAt(first, fixture);
        var onSecond = issuerAt(second, fixture);
        var token = TokenFixture.clientCredentials(onFirst, clientId, secret, null)
                .then()
                .statusCode(200)
                .extract()
                .<String>path("access_token");
        assertThat(TokenFixture.active(onSecond, clientId, secret, token)).isTrue();

        TokenFixture.oauthAt(onFirst)
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("/revoke")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !TokenFixture.active(onSecond, clientId, secret, token));
        assertThat(TokenFixture.active(onFirst, clientId, secret, token)).isFalse();
    }

    @Test
    void jwksWhenAskedOfEitherInstanceThenTheSameKeys() {
        var fixture = TokenFixture.start("pro");

        var firstKids = kids(issuerAt(first, fixture));
        var secondKids = kids(issuerAt(second, fixture));

        assertThat(firstKids).isNotEmpty();
        assertThat(secondKids).containsExactlyInAnyOrderElementsOf(firstKids);
    }

    /** The tenant's endpoints on one instance (its issuer, as configured, is the same on both). */
    private static String issuerAt(String instance, TokenFixture fixture) {
        return TenantIssuerUrls.issuer(instance, fixture.tenant().slug());
    }

    private static List<String> kids(String issuer) {
        return TokenFixture.oauthAt(issuer)
                .get("/jwks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keys.kid");
    }
}
