package io.nexidentity.application.security;

import static io.restassured.RestAssured.given;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.security.AdminRole;

@QuarkusTest
class AdminPermissionsTest {

    @Test
    void callWhenAuditorThenApplicationsAreReadableNotWritable() {
        var tenant = UUID.randomUUID();

        as(tenant, AdminRole.AUDITOR.permissions())
                .get("/v1/applications")
                .then()
                .statusCode(200);
        as(tenant, AdminRole.AUDITOR.permissions())
                .body(Map.of("name", "Orders", "key", "orders-" + UUID.randomUUID()))
                .post("/v1/applications")
                .then()
                .statusCode(403);
        as(tenant, AdminRole.AUDITOR.permissions())
                .body(Map.of("basic_path_enabled", true))
                .put("/v1/manifest-settings")
                .then()
                .statusCode(403);
        as(tenant, AdminRole.MEMBER.permissions())
                .get("/v1/applications")
                .then()
                .statusCode(403);
    }

    private static RequestSpecification as(UUID tenant, Collection<String> permissions) {
        return given().auth()
                .oauth2(TestIssuer.tokenWithPermissions(tenant, permissions))
                .contentType(ContentType.JSON);
    }
}
