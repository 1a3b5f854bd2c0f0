package io.nexidentity.tenant.internal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.secret.SecretHasher;

@QuarkusTest
class DirectoryApiTest {

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Inject
    SecretHasher secrets;

    private static TenantFixture tenant;

    @BeforeEach
    void registerTenant() {
        if (tenant != null) {
            return;
        }
        tenant = TenantFixture.register();
    }

    @Test
    void internalApiWhenNoOrWrongCredentialThen401() {
        given().get("/internal/v1/tenants/" + tenant.tenantId())
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        given().auth()
                .oauth2("guess")
                .get("/internal/v1/tenants/" + tenant.tenantId())
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(platformCredential + "x")
                .post("/internal/v1/tenants/" + tenant.tenantId() + "/password-verifications")
                .then()
                .statusCode(401);
    }

    @Test
    void verifyPasswordWhenCorrectThenUserWithMembershipContext() {
        platform()
                .body(Map.of("email", tenant.adminEmail().toUpperCase(), "password", TenantFixture.PASSWORD))
                .post("/internal/v1/tenants/" + tenant.tenantId() + "/password-verifications")
                .then()
                .statusCode(200)
                .body("verified", equalTo(true))
                .body("user_id", equalTo(tenant.userId().toString()))
                .body(
                        "user.memberships[0].membership_id",
                        equalTo(tenant.membershipId().toString()))
                .body(
                        "user.memberships[0].organization_id",
                        equalTo(tenant.organizationId().toString()))
                .body("user.memberships[0].roles[0]", equalTo("owner"))
                .body("user.memberships[0].perm_ver", equalTo(1));
    }

    @Test
    void verifyPasswordWhenWrongUnknownOrDisabledThenRefusedWithReason() {
        var url = "/internal/v1/tenants/" + tenant.tenantId() + "/password-verifications";
        platform()
                .body(Map.of("email", tenant.adminEmail(), "password", "not the password at all"))
                .post(url)
                .then()
                .statusCode(200)
                .body("verified", equalTo(false))
                .body("reason", equalTo("wrong_password"))
                .body("user", nullValue());
        platform()
                .body(Map.of("email", "nobody@nowhere.example", "password", TenantFixture.PASSWORD))
                .post(url)
                .then()
                .body("verified", equalTo(false))
                .body("reason", equalTo("unknown_user"));

        var email = "gone-" + UUID.randomUUID() + "@example.com";
        var userId = tenant.createUser(email);
        tenant.admin().post("/v1/users/" + userId + "/disable").then().statusCode(200);
        platform()
                .body(Map.of("email", email, "password", TenantFixture.PASSWORD))
                .post(url)
                .then()
                .body("verified", equalTo(false))
                .body("reason", equalTo("user_disabled"));
    }

    @Test
    void verifyPasswordWhenUserOfAnotherTenantThenUnknown() {
        var other = TenantFixture.register();

        platform()
                .body(Map.of("email", other.adminEmail(), "password", TenantFixture.PASSWORD))
                .post("/internal/v1/tenants/" + tenant.tenantId() + "/password-verifications")
                .then()
                .body("verified", equalTo(false))
                .body("reason", equalTo("unknown_user"));
    }

    @Test
    void tenantWhenReadThenPlanLicenceAndQuotas() {
        platform()
                .get("/internal/v1/tenants/" + tenant.tenantId())
                .then()
                .statusCode(200)
                .body("slug", equalTo(tenant.slug()))
                .body("plan", equalTo("evaluation"))
                .body("licence_status", equalTo("active"))
                .body("quotas.applications", equalTo(3));
    }

    @Test
    void bootstrapCredentialWhenReadThenHashMatchesTheSecretShownAtRegistration() {
        var hash = platform()
                .get("/internal/v1/bootstrap-credentials/" + tenant.clientId())
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(tenant.tenantId().toString()))
                .body("status", equalTo("active"))
                .body("scopes[0]", equalTo("nexidentity.admin"))
                .extract()
                .<String>path("secret_hash");

        assertThat(secrets.matches(tenant.clientSecret(), hash)).isTrue();
        assertThat(secrets.matches(tenant.clientSecret() + "x", hash)).isFalse();
    }

    @Test
    void userContextWhenUserOfAnotherTenantThenNotFound() {
        var other = TenantFixture.register();

        platform()
                .get("/internal/v1/tenants/" + tenant.tenantId() + "/users/" + other.userId())
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    private RequestSpecification platform() {
        return given().auth().oauth2(platformCredential).contentType(ContentType.JSON);
    }
}
