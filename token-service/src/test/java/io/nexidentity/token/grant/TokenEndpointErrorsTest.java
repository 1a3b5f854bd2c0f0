package io.nexidentity.token.grant;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.nexidentity.token.TokenFixture;

/** Every refusal of the token endpoint, with its RFC 6749 error code. */
@QuarkusTest
class TokenEndpointErrorsTest {

    @Test
    void clientAuthenticationWhenWrongUnknownOrMixedThenInvalidClientOrRequest() {
        var fixture = TokenFixture.start("pro");
        var clientId = fixture.tenant().clientId();

        TokenFixture.clientCredentials(
                        fixture.issuer(), clientId, fixture.tenant().clientSecret() + "x", null)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"nexidentity\""))
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client"));
        TokenFixture.clientCredentials(fixture.issuer(), "nxc-0190d3f5-0000-7000-8000-000000000000", "whatever", null)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        fixture.oauth()
                .auth()
                .preemptive()
                .basic(clientId, fixture.tenant().clientSecret())
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", fixture.tenant().clientSecret())
                .post("/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void requestWhenMalformedThenInvalidRequestOrUnsupportedGrantType() {
        var fixture = TokenFixture.start("pro");
        var basic = fixture.oauth()
                .auth()
                .preemptive()
                .basic(fixture.tenant().clientId(), fixture.tenant().clientSecret());

        basic.contentType(ContentType.URLENC)
                .post("/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        fixture.oauth()
                .auth()
                .preemptive()
                .basic(fixture.tenant().clientId(), fixture.tenant().clientSecret())
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .post("/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
        fixture.oauth()
                .auth()
                .preemptive()
                .basic(fixture.tenant().clientId(), fixture.tenant().clientSecret())
                .contentType(ContentType.URLENC)
                .body("grant_type=client_credentials&grant_type=client_credentials")
                .post("/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        fixture.oauth()
                .auth()
                .preemptive()
                .basic(fixture.tenant().clientId(), fixture.tenant().clientSecret())
                .contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\"}")
                .post("/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        fixture.oauth().get("/token").then().statusCode(405).header("Allow", "POST");
    }

    @Test
    void scopeWhenNotGrantedThenInvalidScope() {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var client = fixture.client(Map.of(
                "application_id",
                app.getString("application_id"),
                "name",
                "reader",
                "profile",
                "automation",
                "scopes",
                List.of("orders:read")));

        TokenFixture.clientCredentials(
                        fixture.issuer(),
                        client.getString("client_id"),
                        client.getString("client_secret"),
                        "orders:write")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
        TokenFixture.clientCredentials(
                        fixture.issuer(),
                        client.getString("client_id"),
                        client.getString("client_secret"),
                        "orders:read nexidentity.admin")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void clientWhenDisabledOrApplicationSuspendedThenNoMoreTokens() {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var client = fixture.automationClient(app.getString("application_id"), "RS256");
        var clientId = client.getString("client_id");
        var secret = client.getString("client_secret");
        TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                .then()
                .statusCode(200);

        fixture.adminAt("application-service")
                .post("/v1/applications/" + app.getString("application_id") + "/suspend")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                                .then()
                                .extract()
                                .statusCode()
                        == 400);
        TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                .then()
                .body("error", equalTo("unauthorized_client"));

        fixture.adminAt("application-service")
                .post("/v1/applications/" + app.getString("application_id") + "/reactivate")
                .then()
                .statusCode(200);
        fixture.adminAt("client-service")
                .post("/v1/clients/" + clientId + "/disable")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                                .then()
                                .extract()
                                .statusCode()
                        == 401);
    }

    @Test
    void secretWhenRotatedThenOldWorksDuringOverlapAndNotAfterRevocation() {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var client = fixture.automationClient(app.getString("application_id"), "RS256");
        var clientId = client.getString("client_id");
        var oldSecret = client.getString("client_secret");

        var newSecret = fixture.adminAt("client-service")
                .body(Map.of("previous_secret_valid_seconds", 3600))
                .post("/v1/clients/" + clientId + "/secrets")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("client_secret");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), clientId, newSecret, null)
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        TokenFixture.clientCredentials(fixture.issuer(), clientId, oldSecret, null)
                .then()
                .statusCode(200);

        var oldId = fixture.adminAt("client-service")
                .get("/v1/clients/" + clientId + "/secrets")
                .then()
                .extract()
                .<String>path("[0].secret_id");
        fixture.adminAt("client-service")
                .delete("/v1/clients/" + clientId + "/secrets/" + oldId)
                .then()
                .statusCode(204);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), clientId, oldSecret, null)
                                .then()
                                .extract()
                                .statusCode()
                        == 401);
        TokenFixture.clientCredentials(fixture.issuer(), clientId, newSecret, null)
                .then()
                .statusCode(200);
    }
}
