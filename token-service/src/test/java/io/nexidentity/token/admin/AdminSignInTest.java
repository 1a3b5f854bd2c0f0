package io.nexidentity.token.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.runtime.security.AdminRole;
import io.nexidentity.token.TokenFixture;

/**
 * People sign in to administer their tenant: the device grant with the tenant's admin client (a public client every
 * tenant has), the hosted sign-in page, and admin tokens carrying the permissions of the member's roles.
 */
@QuarkusTest
class AdminSignInTest {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    @Test
    void signInWhenOwnerThenAdminTokensWithEveryPermissionThatEachServiceTakes() throws Exception {
        var fixture = TokenFixture.start("pro");

        var tokens = signIn(fixture, fixture.tenant().adminEmail())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        var claims = SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("nexidentity-admin");
        assertThat(claims.getStringListClaim("permissions"))
                .containsExactlyInAnyOrderElementsOf(AdminRole.OWNER.permissions());
        assertThat(claims.getStringClaim("membership_id"))
                .isEqualTo(fixture.tenant().membershipId().toString());
        assertThat(claims.getClaim("perm_ver")).isEqualTo(1L);
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(tokens.getString("refresh_token")).isNotBlank();
        var owner = new TokenFixture(fixture.tenant(), tokens.getString("access_token"));
        owner.adminAt("tenant-service").get("/v1/tenant").then().statusCode(200);
        owner.adminAt("application-service").get("/v1/applications").then().statusCode(200);
        owner.adminAt("client-service").get("/v1/clients").then().statusCode(200);
    }

    @Test
    void signInWhenDeveloperThenItsPermissionsOnlyAndARoleChangeCountsWithinSeconds() throws Exception {
        var fixture = TokenFixture.start("pro");
        var email = "dev-" + UUID.randomUUID() + "@example.com";
        var membership = member(fixture, email, "developer");

        var tokens = signIn(fixture, email).then().statusCode(200).extract().jsonPath();
        var developer = new TokenFixture(fixture.tenant(), tokens.getString("access_token"));
        developer.adminAt("client-service").get("/v1/clients").then().statusCode(200);
        developer
                .adminAt("tenant-service")
                .body(Map.of("plan", "enterprise"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(403);
        developer.adminAt("tenant-service").get("/v1/users").then().statusCode(403);

        fixture.adminAt("tenant-service")
                .body(Map.of("roles", List.of("auditor")))
                .patch("/v1/memberships/" + membership)
                .then()
                .statusCode(200);
        // the token issued before the change holds nothing any more: at once where the change was made, within
        // seconds where its event has to arrive
        developer.adminAt("tenant-service").get("/v1/tenant").then().statusCode(403);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> developer
                        .adminAt("client-service")
                        .get("/v1/clients")
                        .then()
                        .statusCode(403));
        var refreshed = awaitRefreshedWith(fixture, tokens.getString("refresh_token"), AdminRole.AUDITOR.permissions());
        new TokenFixture(fixture.tenant(), refreshed.getString("access_token"))
                .adminAt("tenant-service")
                .get("/v1/users")
                .then()
                .statusCode(200);

        fixture.adminAt("tenant-service")
                .delete("/v1/memberships/" + membership)
                .then()
                .statusCode(204);
        var auditor = new TokenFixture(fixture.tenant(), refreshed.getString("access_token"));
        auditor.adminAt("tenant-service").get("/v1/users").then().statusCode(403);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> auditor.adminAt("client-service")
                        .get("/v1/clients")
                        .then()
                        .statusCode(403));
    }

    @Test
    void signInWhenARoleOfTheTenantThenExactlyItsPermissionsAndARedefinitionCountsWithinSeconds() throws Exception {
        var fixture = TokenFixture.start("pro");
        var release = List.of("clients:read", "webhooks:read", "webhooks:replay");
        fixture.adminAt("tenant-service")
                .body(Map.of("permissions", release))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200);
        var email = "rm-" + UUID.randomUUID() + "@example.com";
        member(fixture, email, "release-manager");

        var tokens = signIn(fixture, email).then().statusCode(200).extract().jsonPath();
        var claims = SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("permissions")).containsExactlyElementsOf(release);
        var releaser = new TokenFixture(fixture.tenant(), tokens.getString("access_token"));
        releaser.adminAt("client-service").get("/v1/clients").then().statusCode(200);
        releaser.adminAt("tenant-service").get("/v1/users").then().statusCode(403);

        fixture.adminAt("tenant-service")
                .body(Map.of("permissions", List.of("webhooks:read")))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> releaser.adminAt("client-service")
                        .get("/v1/clients")
                        .then()
                        .statusCode(403));
        awaitRefreshedWith(fixture, tokens.getString("refresh_token"), Set.of("webhooks:read"));
    }

    @Test
    void signInWhenMemberWithoutAnAdminRoleThenAccessDenied() throws Exception {
        var fixture = TokenFixture.start("pro");
        var email = "member-" + UUID.randomUUID() + "@example.com";
        member(fixture, email, "member");

        signIn(fixture, email).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void adminClientWhenUsedAtAnotherTenantsIssuerThenUnknown() {
        var fixture = TokenFixture.start("pro");
        var other = TokenFixture.start("pro");

        other.oauth()
                .contentType(ContentType.URLENC)
                .formParam("client_id", ClientIds.adminClientId(fixture.tenant().tenantId()))
                .post("/device_authorization")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    /** A user of the tenant with a membership of {@code role} in its first organization; answers the membership. */
    private static String member(TokenFixture fixture, String email, String role) {
        var userId = fixture.adminAt("tenant-service")
                .body(Map.of("email", email, "name", "Dee", "password", TenantFixture.PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("user_id");
        return fixture.adminAt("tenant-service")
                .body(Map.of("user_id", userId, "roles", List.of(role)))
                .post("/v1/organizations/" + fixture.tenant().organizationId() + "/memberships")
                .then()
                .statusCode(201)
                .extract()
                .path("membership_id");
    }

    /** The device grant as nexidctl runs it: ask for codes, the person signs in and approves, then poll. */
    private static Response signIn(TokenFixture fixture, String email) throws InterruptedException {
        var clientId = ClientIds.adminClientId(fixture.tenant().tenantId());
        var codes = fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("client_id", clientId)
                .post("/device_authorization")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        var page = fixture.oauth()
                .queryParam("user_code", codes.getString("user_code"))
                .get("/device");
        assertThat(page.asString())
                .as("an admin sign-in is said to be one: a code someone else sent is not approved unawares")
                .contains("This signs a command line in to administer");
        var cookies = new HashMap<>(page.getCookies());
        var csrf = CSRF.matcher(page.asString());
        assertThat(csrf.find()).isTrue();
        fixture.oauth()
                .cookies(cookies)
                .contentType(ContentType.URLENC)
                .formParam("user_code", codes.getString("user_code"))
                .formParam("csrf_token", csrf.group(1))
                .formParam("decision", "approve")
                .formParam("username", email)
                .formParam("password", TenantFixture.PASSWORD)
                .post("/device")
                .then()
                .statusCode(200);
        // the poll interval (1 s in tests) really passes: the admin APIs accept no token issued in their future
        Thread.sleep(1_100);
        return fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", GRANT)
                .formParam("client_id", clientId)
                .formParam("device_code", codes.getString("device_code"))
                .post("/token");
    }

    /** Refreshes until the tokens carry the role's permissions (the directory hears of the change by an event). */
    private static JsonPath awaitRefreshedWith(TokenFixture fixture, String refreshToken, Set<String> expected) {
        var refreshed = new JsonPath[1];
        var current = new String[] {refreshToken};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            refreshed[0] = fixture.oauth()
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", "refresh_token")
                    .formParam(
                            "client_id",
                            ClientIds.adminClientId(fixture.tenant().tenantId()))
                    .formParam("refresh_token", current[0])
                    .post("/token")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            current[0] = refreshed[0].getString("refresh_token");
            var permissions = SignedJWT.parse(refreshed[0].getString("access_token"))
                    .getJWTClaimsSet()
                    .getStringListClaim("permissions");
            return Set.copyOf(permissions).equals(expected);
        });
        return refreshed[0];
    }
}
