package io.nexidentity.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;

/** Tenants and applications created at the real tenant- and application-services of the test stack. */
public final class ClientFixture {

    private ClientFixture() {}

    public static TenantFixture tenant(String plan) {
        return TenantFixture.register(plan, PlatformTestStack.url("tenant-service"));
    }

    /** An application with API scopes orders:read and orders:write; returns id and key. */
    public static JsonPath application(TenantFixture tenant) {
        return tenant.adminAt(PlatformTestStack.url("application-service"))
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "app-" + UUID.randomUUID().toString().substring(0, 8),
                        "api_scopes", List.of(Map.of("name", "orders:read"), Map.of("name", "orders:write"))))
                .post("/v1/applications")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    public static JsonPath automationClient(TenantFixture tenant, String applicationId) {
        return tenant.admin()
                .body(Map.of(
                        "application_id",
                        applicationId,
                        "name",
                        "backend",
                        "profile",
                        "automation",
                        "scopes",
                        List.of("orders:read")))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }
}
