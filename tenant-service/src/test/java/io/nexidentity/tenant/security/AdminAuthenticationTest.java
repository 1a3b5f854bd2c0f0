package io.nexidentity.tenant.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.problem.Problem;

/** Admin APIs accept only valid token-service access tokens with the admin scope and a tenant. */
@QuarkusTest
class AdminAuthenticationTest {

    private final UUID tenant = UUID.randomUUID();

    @Test
    void requestWhenNoTokenThen401WithBearerChallenge() {
        given().get("/v1/organizations")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void requestWhenTokenSignedByUnknownKeyThen401InvalidToken() {
        given().auth()
                .oauth2(TestIssuer.tokenSignedByForeignKey(tenant))
                .get("/v1/organizations")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"nexidentity\", error=\"invalid_token\""))
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void requestWhenTokenExpiredThen401() {
        var expired = TestIssuer.token(
                "client-x",
                Map.of(
                        "tenant_id",
                        tenant.toString(),
                        "scope",
                        "nexidentity.admin",
                        "exp",
                        System.currentTimeMillis() / 1000 - 3600));

        given().auth().oauth2(expired).get("/v1/organizations").then().statusCode(401);
    }

    @Test
    void requestWhenAudienceIsAnotherApiThen401() {
        var foreignAudience = TestIssuer.token(
                "client-x", Map.of("tenant_id", tenant.toString(), "scope", "nexidentity.admin", "aud", "billing-api"));

        given().auth().oauth2(foreignAudience).get("/v1/organizations").then().statusCode(401);
    }

    @Test
    void requestWhenAdminScopeMissingThen403InsufficientScope() {
        var noAdmin = TestIssuer.token("client-x", Map.of("tenant_id", tenant.toString(), "scope", "openid profile"));

        given().auth()
                .oauth2(noAdmin)
                .get("/v1/organizations")
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"nexidentity\", error=\"insufficient_scope\""))
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void requestWhenTenantClaimMissingThen403() {
        var noTenant = TestIssuer.token("client-x", Map.of("scope", "nexidentity.admin"));

        given().auth()
                .oauth2(noTenant)
                .get("/v1/organizations")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/tenant-context-missing"));
    }
}
