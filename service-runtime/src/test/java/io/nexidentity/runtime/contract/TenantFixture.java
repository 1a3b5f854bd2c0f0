package io.nexidentity.runtime.contract;

import static io.restassured.RestAssured.given;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Registers a fresh tenant through the tenant-service's real API (the service under test, or a launched one), so
 * every test class works in data of its own.
 */
public record TenantFixture(
        UUID tenantId,
        UUID organizationId,
        UUID userId,
        UUID membershipId,
        String slug,
        String adminEmail,
        String clientId,
        String clientSecret,
        String tenantServiceUrl) {

    public static final String PASSWORD = "correct horse battery staple";

    public static TenantFixture register() {
        return register("evaluation");
    }

    public static TenantFixture register(String plan) {
        return register(plan, null);
    }

    /** Registers at {@code tenantServiceUrl}; null for the service under test. */
    public static TenantFixture register(String plan, String tenantServiceUrl) {
        var slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        var email = "admin@" + slug + ".example";
        var request = given().contentType(ContentType.JSON);
        if (tenantServiceUrl != null) {
            request.baseUri(tenantServiceUrl).port(-1);
        }
        JsonPath json = request.body(registration(slug, plan, email, PASSWORD))
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
                json.getString("bootstrap_credential.client_secret"),
                tenantServiceUrl);
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

    /** A request authenticated as a caller of this tenant holding exactly {@code permissions}. */
    public RequestSpecification with(Collection<String> permissions) {
        return given().auth()
                .oauth2(TestIssuer.tokenWithPermissions(tenantId, permissions))
                .contentType(ContentType.JSON);
    }

    /** A request to another service of the test stack, authenticated as this tenant's admin. */
    public RequestSpecification adminAt(String baseUrl) {
        return admin().baseUri(baseUrl).port(-1);
    }

    /** A request to the tenant-service authenticated as this tenant's admin. */
    public RequestSpecification tenantAdmin() {
        var request = admin();
        return tenantServiceUrl == null
                ? request
                : request.baseUri(tenantServiceUrl).port(-1);
    }

    /** Creates a user of this tenant and returns its id. */
    public UUID createUser(String email) {
        return UUID.fromString(tenantAdmin()
                .body(Map.of("email", email, "name", "Uma User", "password", PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("user_id"));
    }
}
