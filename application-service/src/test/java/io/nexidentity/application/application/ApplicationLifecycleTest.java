package io.nexidentity.application.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.application.ApplicationFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service"))
class ApplicationLifecycleTest {

    @Test
    void lifecycleWhenCreatedUpdatedSuspendedReactivatedArchivedThenEachIsAnEventWithTheImmutableKey() {
        var tenant = ApplicationFixture.tenant("pro");
        var mark = EventLog.mark(Topic.APPLICATION);

        var created = tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "name",
                        "Orders API",
                        "description",
                        "Order management",
                        "api_scopes",
                        List.of(Map.of("name", "orders:read"))))
                .post("/v1/applications")
                .then()
                .statusCode(201)
                .body("key", matchesPattern("app_[a-z2-7]{24}"))
                .body("status", equalTo("active"))
                .body("external_consumption.mode", equalTo("organization"))
                .body("api_scopes.name", contains("orders:read"))
                .extract()
                .jsonPath();
        var id = created.getString("application_id");
        var key = created.getString("key");

        tenant.admin()
                .body(Map.of(
                        "name",
                        "Orders",
                        "key",
                        "app_hijacked",
                        "external_consumption",
                        Map.of("mode", "tenant"),
                        "api_scopes",
                        List.of(Map.of("name", "orders:read"), Map.of("name", "orders:write"))))
                .patch("/v1/applications/" + id)
                .then()
                .statusCode(200)
                .body("key", equalTo(key))
                .body("name", equalTo("Orders"))
                .body("external_consumption.mode", equalTo("tenant"))
                .body("api_scopes.name", contains("orders:read", "orders:write"));
        tenant.admin()
                .post("/v1/applications/" + id + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("suspended"));
        tenant.admin()
                .post("/v1/applications/" + id + "/reactivate")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
        tenant.admin()
                .post("/v1/applications/" + id + "/archive")
                .then()
                .statusCode(200)
                .body("status", equalTo("archived"));
        tenant.admin()
                .post("/v1/applications/" + id + "/reactivate")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/invalid-transition"))
                .body("current_status", equalTo("archived"))
                .body("status", equalTo(409));
        tenant.admin()
                .body(Map.of("name", "Zombie"))
                .patch("/v1/applications/" + id)
                .then()
                .statusCode(409);

        var events = mark.await(
                tenant.tenantId(), event -> event.get("subject").asText().equals(id), 5);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.application.created.v1",
                        "nexid.application.updated.v1",
                        "nexid.application.suspended.v1",
                        "nexid.application.reactivated.v1",
                        "nexid.application.archived.v1");
        assertThat(events)
                .allSatisfy(event ->
                        assertThat(event.get("data").get("key").asText()).isEqualTo(key));
        assertThat(events.get(1)
                        .get("data")
                        .get("external_consumption")
                        .get("mode")
                        .asText())
                .isEqualTo("tenant");
    }

    @Test
    void createWhenFieldsInvalidThenProblemNamesEachOne() {
        var tenant = ApplicationFixture.tenant("pro");

        tenant.admin()
                .body(Map.of("name", " "))
                .post("/v1/applications")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("name", "organization_id"));
        tenant.admin()
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "X",
                        "api_scopes", List.of(Map.of("name", "Orders Read"))))
                .post("/v1/applications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("api_scopes[0].name"));
        tenant.admin()
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "X",
                        "api_scopes", List.of(Map.of("name", "openid"))))
                .post("/v1/applications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("api_scopes[0].name"))
                .body("errors[0].detail", equalTo("'openid' is reserved by the platform"));
        tenant.admin()
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "X",
                        "api_scopes", List.of(Map.of("name", "a:b"), Map.of("name", "a:b"))))
                .post("/v1/applications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("api_scopes[1].name"));
        tenant.admin()
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "X",
                        "external_consumption", Map.of("mode", "allowlist")))
                .post("/v1/applications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("external_consumption"));
        tenant.admin()
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "X",
                        "external_consumption", Map.of("mode", "everyone")))
                .post("/v1/applications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("external_consumption.mode"));
    }

    @Test
    void createWhenOrganizationUnknownThenNotFound() {
        var tenant = ApplicationFixture.tenant("pro");

        tenant.admin()
                .body(Map.of("organization_id", "0190d3f5-0000-7000-8000-000000000000", "name", "Ghost"))
                .post("/v1/applications")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void createWhenNameTakenInOrganizationThenConflict() {
        var tenant = ApplicationFixture.tenant("pro");
        ApplicationFixture.createApplication(tenant, "Billing");

        tenant.admin()
                .body(Map.of("organization_id", tenant.organizationId(), "name", "billing"))
                .post("/v1/applications")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://docs.nexidentity.io/problems/application-name-taken"));
    }

    @Test
    void createWhenAllowlistPolicyThenStoredWithItsEntries() {
        var tenant = ApplicationFixture.tenant("pro");
        var partner = ApplicationFixture.tenant("free");

        tenant.admin()
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "Partner API",
                        "external_consumption",
                                Map.of("mode", "allowlist", "allowed_tenants", List.of(partner.tenantId()))))
                .post("/v1/applications")
                .then()
                .statusCode(201)
                .body("external_consumption.mode", equalTo("allowlist"))
                .body(
                        "external_consumption.allowed_tenants",
                        contains(partner.tenantId().toString()));
    }
}
