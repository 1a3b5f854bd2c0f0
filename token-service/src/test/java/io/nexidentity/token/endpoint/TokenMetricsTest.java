package io.nexidentity.token.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.token.TokenFixture;

/** What an SRE pages on is counted: token requests by grant type and outcome, refused client authentications. */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class TokenMetricsTest {

    @Inject
    MeterRegistry registry;

    @Test
    void tokenWhenIssuedRefusedOrUnsupportedThenCountedWithoutTheCallersWords() {
        var fixture = TokenFixture.start("pro");
        var client = fixture.automationClient(fixture.application().getString("application_id"), "ES256");
        var issued = requests("client_credentials", "issued");
        var refused = requests("client_credentials", "invalid_client");
        var unsupported = requests("unsupported", "unsupported_grant_type");
        var failures = registry.counter(
                        "nexid.client_authentication.failures", "endpoint", "token", "method", "client_secret_basic")
                .count();

        TokenFixture.clientCredentials(
                        fixture.issuer(), client.getString("client_id"), client.getString("client_secret"), null)
                .then()
                .statusCode(200);
        TokenFixture.clientCredentials(fixture.issuer(), client.getString("client_id"), "wrong", null)
                .then()
                .statusCode(401);
        fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:attacker:made-up-" + System.nanoTime())
                .post("/token")
                .then()
                .statusCode(400);

        assertThat(requests("client_credentials", "issued")).isEqualTo(issued + 1);
        assertThat(requests("client_credentials", "invalid_client")).isEqualTo(refused + 1);
        assertThat(requests("unsupported", "unsupported_grant_type")).isEqualTo(unsupported + 1);
        assertThat(registry.counter(
                                "nexid.client_authentication.failures",
                                "endpoint",
                                "token",
                                "method",
                                "client_secret_basic")
                        .count())
                .isEqualTo(failures + 1);
        assertThat(registry.find("nexid.token.requests").counters())
                .allSatisfy(counter ->
                        assertThat(counter.getId().getTag("grant_type")).doesNotStartWith("urn:attacker"));
    }

    /** Requests to every tenant's issuer are timed under one uri per endpoint: no series per tenant. */
    @Test
    void requestsWhenSentToTenantIssuersThenTimedUnderTheEndpointNotTheSlug() {
        var first = TokenFixture.start("pro");
        var second = TokenFixture.start("pro");
        first.oauth().get("/jwks").then().statusCode(200);
        second.oauth().get("/jwks").then().statusCode(200);

        var uris = registry.find("http.server.requests").timers().stream()
                .map(timer -> timer.getId().getTag("uri"))
                .toList();
        assertThat(uris).contains("/t/{slug}/jwks", "/t/{slug}/token");
        assertThat(uris)
                .noneMatch(uri -> uri.contains(first.tenant().slug())
                        || uri.contains(second.tenant().slug()));
    }

    private double requests(String grantType, String outcome) {
        return registry.counter("nexid.token.requests", "grant_type", grantType, "outcome", outcome)
                .count();
    }
}
