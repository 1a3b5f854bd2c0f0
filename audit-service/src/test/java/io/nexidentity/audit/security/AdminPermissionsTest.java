package io.nexidentity.audit.security;

import static io.restassured.RestAssured.given;

import java.util.Collection;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.security.AdminRole;

@QuarkusTest
class AdminPermissionsTest {

    private static final String EXPORT = "/v1/audit-events/export?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";

    @Test
    void exportWhenDeveloperThenForbiddenWhenAuditorThenServed() {
        var tenant = UUID.randomUUID();

        as(tenant, AdminRole.DEVELOPER.permissions()).get(EXPORT).then().statusCode(403);
        as(tenant, AdminRole.DEVELOPER.permissions())
                .get("/v1/audit-events")
                .then()
                .statusCode(403);
        as(tenant, AdminRole.AUDITOR.permissions()).get(EXPORT).then().statusCode(200);
        as(tenant, AdminRole.AUDITOR.permissions())
                .get("/v1/audit-events")
                .then()
                .statusCode(200);
        as(tenant, AdminRole.ADMIN.permissions())
                .get("/v1/audit-chain/verify")
                .then()
                .statusCode(200);
    }

    private static RequestSpecification as(UUID tenant, Collection<String> permissions) {
        return given().auth().oauth2(TestIssuer.tokenWithPermissions(tenant, permissions));
    }
}
