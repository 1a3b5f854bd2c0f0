package io.nexidentity.token.clientauth;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.nexidentity.token.TokenFixture;

/**
 * A client id is taken only in its exact syntax: aliases of a real id (a query, a fragment, a path, an encoding, a
 * case or space change) never reach a lookup, so nothing is ever remembered under one, and a disabled client, a
 * rotated secret or a rotated bootstrap credential is refused under every name.
 */
@QuarkusTest
class ClientIdAliasTest {

    @Test
    void authenticateWhenClientIdIsAnAliasOfARealOneThenInvalidClientByEveryMethod() {
        var fixture = TokenFixture.start("pro");
        var client = fixture.automationClient(fixture.application().getString("application_id"), "ES256");
        var clientId = client.getString("client_id");
        var secret = client.getString("client_secret");
        TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                .then()
                .statusCode(200);

        for (var alias : aliases(clientId)) {
            TokenFixture.clientCredentials(fixture.issuer(), alias, secret, null)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
            fixture.oauth()
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials")
                    .formParam("client_id", alias)
                    .formParam("client_secret", secret)
                    .post("/token")
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
        }
    }

    @Test
    void authenticateWhenClientDisabledOrSecretRotatedThenRefusedUnderItsIdAndEveryAlias() {
        var fixture = TokenFixture.start("pro");
        var client = fixture.automationClient(fixture.application().getString("application_id"), "RS256");
        var clientId = client.getString("client_id");
        var oldSecret = client.getString("client_secret");
        for (var alias : aliases(clientId)) {
            TokenFixture.clientCredentials(fixture.issuer(), alias, oldSecret, null)
                    .then()
                    .statusCode(401);
        }

        var newSecret = fixture.adminAt("client-service")
                .body(Map.of("previous_secret_valid_seconds", 0))
                .post("/v1/clients/" + clientId + "/secrets")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("client_secret");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), clientId, oldSecret, null)
                                .statusCode()
                        == 401);
        TokenFixture.clientCredentials(fixture.issuer(), clientId, newSecret, null)
                .then()
                .statusCode(200);
        for (var alias : aliases(clientId)) {
            TokenFixture.clientCredentials(fixture.issuer(), alias, oldSecret, null)
                    .then()
                    .statusCode(401);
        }

        fixture.adminAt("client-service")
                .post("/v1/clients/" + clientId + "/disable")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), clientId, newSecret, null)
                                .statusCode()
                        == 401);
        for (var alias : aliases(clientId)) {
            TokenFixture.clientCredentials(fixture.issuer(), alias, newSecret, null)
                    .then()
                    .statusCode(401);
        }
    }

    @Test
    void authenticateWhenBootstrapCredentialRotatedThenAliasOfTheOldOneGetsNoAdminToken() {
        var fixture = TokenFixture.start("pro");
        var bootstrapId = fixture.tenant().clientId();
        var bootstrapSecret = fixture.tenant().clientSecret();
        for (var alias : aliases(bootstrapId)) {
            TokenFixture.clientCredentials(fixture.issuer(), alias, bootstrapSecret, null)
                    .then()
                    .statusCode(401);
        }

        fixture.adminAt("tenant-service")
                .post("/v1/tenant/bootstrap-credential")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), bootstrapId, bootstrapSecret, null)
                                .statusCode()
                        == 401);
        for (var alias : aliases(bootstrapId)) {
            TokenFixture.clientCredentials(fixture.issuer(), alias, bootstrapSecret, null)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
        }
    }

    @Test
    void authenticateWhenClientIdHasATrailingSpaceOrNulThenInvalidClientNotServerError() {
        var fixture = TokenFixture.start("pro");
        var clientId = fixture.tenant().clientId();
        var secret = fixture.tenant().clientSecret();

        for (var broken : List.of(clientId + " ", clientId + "\u0000", "\u0000", " ", "nxc-" + "a".repeat(1000))) {
            TokenFixture.clientCredentials(fixture.issuer(), broken, secret, null)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
            fixture.oauth()
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials")
                    .formParam("client_id", broken)
                    .formParam("client_secret", secret)
                    .post("/token")
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
        }
        // Over the form decoder's limit for one parameter: refused in the endpoint's own format, no stack trace.
        fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "nxc-" + "a".repeat(5000))
                .post("/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("stack", nullValue());
    }

    /** Strings that name the same client to a lenient URL or lookup, but are not its id. */
    private static List<String> aliases(String clientId) {
        return List.of(
                clientId + "?x",
                clientId + "#x",
                clientId + "/",
                clientId + "/.",
                clientId + "/../" + clientId,
                "./" + clientId,
                clientId + "%00",
                clientId.toUpperCase(Locale.ROOT),
                clientId.substring(0, 4) + clientId.substring(4).toUpperCase(Locale.ROOT),
                " " + clientId,
                clientId + "\t");
    }
}
