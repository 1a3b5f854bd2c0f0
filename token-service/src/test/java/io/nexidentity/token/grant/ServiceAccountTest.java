package io.nexidentity.token.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import io.nexidentity.token.TokenFixture;

/**
 * Service accounts: automation clients granted admin permissions explicitly. Their client-credentials tokens carry
 * exactly those permissions to the admin APIs; nobody grants more than they hold; a grant is revocable.
 */
@QuarkusTest
class ServiceAccountTest {

    @Test
    void tokenWhenServiceAccountThenTheAdminApisAllowExactlyItsPermissions() throws Exception {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application().getString("application_id");
        var account = serviceAccount(fixture, application, List.of("users:read"));
        assertThat(account.getList("admin_permissions")).containsExactly("users:read");

        var token = token(fixture, account);
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("permissions")).containsExactly("users:read");
        assertThat(claims.getAudience()).contains("nexidentity-admin");
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .as("a machine's admin token lives nexid.token.machine-admin-token-lifetime, not 15 minutes")
                .isEqualTo(Duration.ofMinutes(5));

        var tenantService = new TokenFixture(fixture.tenant(), token);
        tenantService.adminAt("tenant-service").get("/v1/users").then().statusCode(200);
        tenantService.adminAt("tenant-service").get("/v1/tenant").then().statusCode(403);
        tenantService
                .adminAt("tenant-service")
                .body(Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "name", "X"))
                .post("/v1/users")
                .then()
                .statusCode(403);
        tenantService.adminAt("client-service").get("/v1/clients").then().statusCode(403);
    }

    @Test
    void grantWhenMoreThanTheGranterHoldsThenForbiddenAndWhenRevokedThenTokensLoseIt() throws Exception {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application().getString("application_id");
        var granter = serviceAccount(fixture, application, List.of("clients:write", "users:read"));
        var asGranter = new TokenFixture(fixture.tenant(), token(fixture, granter));

        asGranter
                .adminAt("client-service")
                .body(request(application, List.of("users:write")))
                .post("/v1/clients")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://docs.nexidentity.io/problems/permission-missing"));
        asGranter
                .adminAt("client-service")
                .body(request(application, List.of("users:read", "clients:write")))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("admin_permissions", containsInAnyOrder("clients:write", "users:read"));

        fixture.adminAt("client-service")
                .body(Map.of("admin_permissions", List.of()))
                .patch("/v1/clients/" + granter.getString("client_id"))
                .then()
                .statusCode(200);
        var after = awaitTokenWithout(fixture, granter);
        assertThat(SignedJWT.parse(after).getJWTClaimsSet().getAudience()).doesNotContain("nexidentity-admin");
        var applicationToken = SignedJWT.parse(after).getJWTClaimsSet();
        assertThat(Duration.between(
                        applicationToken.getIssueTime().toInstant(),
                        applicationToken.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        new TokenFixture(fixture.tenant(), after)
                .adminAt("tenant-service")
                .get("/v1/users")
                .then()
                .statusCode(401);
    }

    /** Taking over a service account (a new secret, another key) needs every permission it holds. */
    @Test
    void changeWhenTheServiceAccountHoldsMoreThanTheCallerThenForbidden() throws Exception {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application().getString("application_id");
        var powerful = serviceAccount(fixture, application, List.of("users:write"));
        var developer = serviceAccount(fixture, application, List.of("clients:read", "clients:write"));
        var asDeveloper = new TokenFixture(fixture.tenant(), token(fixture, developer)).adminAt("client-service");

        var target = "/v1/clients/" + powerful.getString("client_id");
        asDeveloper.post(target + "/secrets").then().statusCode(403);
        asDeveloper.body(Map.of("name", "mine now")).patch(target).then().statusCode(403);
        asDeveloper.post(target + "/disable").then().statusCode(403);
        asDeveloper.delete(target).then().statusCode(403);
        asDeveloper.get(target).then().statusCode(200);
        new TokenFixture(fixture.tenant(), token(fixture, developer))
                .adminAt("client-service")
                .post("/v1/clients/" + developer.getString("client_id") + "/secrets")
                .then()
                .statusCode(201);
    }

    @Test
    void grantWhenNotAnAutomationClientOrNotAPermissionThenProblem() {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application().getString("application_id");

        fixture.adminAt("client-service")
                .body(request(application, List.of("users:*")))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("admin_permissions"));
        var web = new HashMap<String, Object>(Map.of(
                "application_id",
                application,
                "name",
                "web",
                "profile",
                "interactive_web",
                "redirect_uris",
                List.of("https://app.example.com/cb"),
                "admin_permissions",
                List.of("users:read")));
        fixture.adminAt("client-service")
                .body(web)
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("admin_permissions"));
    }

    private static JsonPath serviceAccount(TokenFixture fixture, String application, List<String> permissions) {
        return fixture.adminAt("client-service")
                .body(request(application, permissions))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> request(String application, List<String> permissions) {
        return Map.of(
                "application_id",
                application,
                "name",
                "ci-pipeline",
                "profile",
                "automation",
                "scopes",
                List.of("orders:read"),
                "admin_permissions",
                permissions);
    }

    private static String token(TokenFixture fixture, JsonPath client) {
        return TokenFixture.clientCredentials(
                        fixture.issuer(), client.getString("client_id"), client.getString("client_secret"), null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** The client's next token once the token-service has heard of the revocation (an event away). */
    private static String awaitTokenWithout(TokenFixture fixture, JsonPath client) {
        var token = new String[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            token[0] = token(fixture, client);
            return SignedJWT.parse(token[0]).getJWTClaimsSet().getClaim("permissions") == null;
        });
        return token[0];
    }
}
