package io.nexidentity.client.security;

import static io.restassured.RestAssured.given;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.AdminRole;

@QuarkusTest
class AdminPermissionsTest {

    @Test
    void callWhenAuditorThenClientsAreReadableNotWritable() {
        var tenant = UUID.randomUUID();

        as(tenant, AdminRole.AUDITOR.permissions()).get("/v1/clients").then().statusCode(200);
        as(tenant, AdminRole.AUDITOR.permissions())
                .body(Map.of("application_id", UUID.randomUUID(), "name", "backend", "profile", "automation"))
                .post("/v1/clients")
                .then()
                .statusCode(403);
        as(tenant, AdminRole.AUDITOR.permissions())
                .post("/v1/clients/nxc-" + UUID.randomUUID() + "/secrets")
                .then()
                .statusCode(403);
    }

    @Test
    void callWhenOnlyClientsReadThenSecretsCannotBeRotated() {
        var tenant = UUID.randomUUID();
        var reader = List.of(AdminPermission.CLIENTS_READ);

        as(tenant, reader).get("/v1/clients").then().statusCode(200);
        as(tenant, reader).delete("/v1/clients/nxc-" + UUID.randomUUID()).then().statusCode(403);
        as(tenant, AdminRole.DEVELOPER.permissions())
                .delete("/v1/clients/nxc-" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    private static RequestSpecification as(UUID tenant, Collection<String> permissions) {
        return given().auth()
                .oauth2(TestIssuer.tokenWithPermissions(tenant, permissions))
                .contentType(ContentType.JSON);
    }
}
