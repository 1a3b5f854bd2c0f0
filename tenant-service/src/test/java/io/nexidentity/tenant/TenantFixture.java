package io.nexidentity.tenant;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import io.nexidentity.runtime.contract.TestIssuer;

/** Registers a fresh tenant through the real API, so every test class works in data of its own. */
public record TenantFixture(
        UUID tenantId,
        UUID organizationId,
        UUID userId,
        UUID membershipId,
        String slug,
        String adminEmail,
        String clientId,
        String clientSecret) {

    public static final String PASSWORD = "correct horse battery staple";

    public static TenantFixture register() {
        return register("evaluation");
    }

    public static TenantFixture register(String plan) {
        var slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        var email = "admin@" + slug + ".example";
        JsonPath json = given().contentType(ContentType.JSON)
                .body(registration(slug, plan, email, PASSWORD))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new TenantFixture(
                UUID.fromString(json.getString("tenant_id")),
                UUID.fromString(json.getString("organization_id")),
                UUID.fromString(json.getString("user_id")),
                UUID.fromString(json.getString("membership_id")),
                slug,
                email,
                json.getString("bootstrap_credential.client_id"),
                json.getString("bootstrap_credential.client_secret"));
    }

    public static Map<String, Object> registration(String slug, String plan, String email, String password) {
        return Map.of(
                "name",
                "Tenant " + slug,
                "slug",
                slug,
                "plan",
                plan,
                "admin",
                Map.of("email", email, "name", "Ada Admin", "password", password));
    }

    /** A request authenticated as this tenant's admin. */
    public RequestSpecification admin() {
        return given().auth().oauth2(TestIssuer.adminToken(tenantId)).contentType(ContentType.JSON);
    }

    /** Creates a user of this tenant and returns its id. */
    public UUID createUser(String email) {
        return UUID.fromString(admin().body(Map.of("email", email, "name", "Uma User", "password", PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("user_id"));
    }
}
