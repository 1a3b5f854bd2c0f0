package io.nexidentity.webhook.endpoint;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;

/** Registration rules: SSRF refusals, validation, the plan's quota, and tenant isolation. */
@QuarkusTest
class EndpointRulesTest {

    @Test
    void registerWhenUrlPointsInsideThePlatformThenRefused() {
        var tenant = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        for (var url : List.of(
                "http://10.1.2.3/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://192.168.0.10/hook",
                "http://[::1]/hook",
                "http://0.0.0.0/hook",
                "ftp://example.com/hook",
                "http://user:pw@127.0.0.1/hook")) {
            tenant.admin()
                    .body(Map.of("organization_id", tenant.organizationId(), "url", url, "event_types", List.of("*")))
                    .post("/v1/webhook-endpoints")
                    .then()
                    .statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("errors[0].field", equalTo("url"));
        }
    }

    @Test
    void registerWhenEventTypesInvalidThenProblem() {
        var tenant = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        "http://127.0.0.1:9/x",
                        "event_types",
                        List.of("users")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("event_types[0]"));
    }

    @Test
    void registerWhenQuotaUsedUpThenConflictNamingQuotaAndPlan() {
        var tenant = TenantFixture.register("free", PlatformTestStack.url("tenant-service"));
        var body = Map.of(
                "organization_id", tenant.organizationId(), "url", "http://127.0.0.1:9/x", "event_types", List.of("*"));
        tenant.admin()
                .body(body)
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .body("secret", startsWith("whsec_"));

        tenant.admin()
                .body(body)
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(409)
                .body("quota", equalTo("webhook_endpoints"))
                .body("plan", equalTo("free"))
                .body("limit", equalTo(1));
    }

    @Test
    void endpointWhenAddressedByAnotherTenantThenNotFound() {
        var a = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        var b = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        var id = b.admin()
                .body(Map.of(
                        "organization_id",
                        b.organizationId(),
                        "url",
                        "http://127.0.0.1:9/x",
                        "event_types",
                        List.of("*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("endpoint_id");

        a.admin().get("/v1/webhook-endpoints/" + id).then().statusCode(404);
        a.admin()
                .body(Map.of("enabled", false))
                .patch("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(404);
        a.admin().post("/v1/webhook-endpoints/" + id + "/secret").then().statusCode(404);
        a.admin().get("/v1/webhook-endpoints/" + id + "/deliveries").then().statusCode(404);
        a.admin()
                .body(Map.of("from", "2026-01-01T00:00:00Z"))
                .post("/v1/webhook-endpoints/" + id + "/replay")
                .then()
                .statusCode(404);
        a.admin().delete("/v1/webhook-endpoints/" + id).then().statusCode(404);
        a.admin()
                .body(Map.of(
                        "organization_id",
                        b.organizationId(),
                        "url",
                        "http://127.0.0.1:9/x",
                        "event_types",
                        List.of("*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(404);
        b.admin()
                .get("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
    }
}
