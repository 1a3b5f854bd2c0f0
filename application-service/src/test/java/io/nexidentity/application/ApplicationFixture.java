package io.nexidentity.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;

/** Tenants registered at the real tenant-service the test stack runs, and applications created through the API. */
public final class ApplicationFixture {

    private ApplicationFixture() {}

    public static TenantFixture tenant(String plan) {
        return TenantFixture.register(plan, PlatformTestStack.url("tenant-service"));
    }

    public static JsonPath createApplication(TenantFixture tenant, String name) {
        return tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "name",
                        name,
                        "api_scopes",
                        List.of(
                                Map.of("name", "orders:read", "description", "Read orders"),
                                Map.of("name", "orders:write"))))
                .post("/v1/applications")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    public static String uniqueName() {
        return "app-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
