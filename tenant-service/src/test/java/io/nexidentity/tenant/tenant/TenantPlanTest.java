package io.nexidentity.tenant.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.tenant.licence.EvaluationExpiryJob;

@QuarkusTest
class TenantPlanTest {

    @Inject
    Pool pool;

    @Inject
    EvaluationExpiryJob expiryJob;

    @Test
    void changePlanWhenUpgradingThenLicenceSupersededNewLicenceAssignedAndPlanChangedEvents() {
        var tenant = TenantFixture.register();
        var mark = EventLog.mark(Topic.TENANT);

        tenant.admin()
                .body(Map.of("plan", "enterprise"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(200)
                .body("plan", equalTo("enterprise"))
                .body("licence.plan", equalTo("enterprise"))
                .body("licence.status", equalTo("active"))
                .body("quotas.applications", equalTo(500));

        var events = mark.await(tenant.tenantId(), event -> true, 3);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.licence.revoked.v1", "nexid.licence.assigned.v1", "nexid.licence.plan_changed.v1");
        assertThat(events.get(0).get("data").get("status").asText()).isEqualTo("superseded");
        assertThat(events.get(2).get("data").get("from_plan").asText()).isEqualTo("evaluation");
        assertThat(events.get(2).get("data").get("to_plan").asText()).isEqualTo("enterprise");
    }

    @Test
    void changePlanWhenSamePlanThenNothingChanges() {
        var tenant = TenantFixture.register("pro");
        var licence = tenant.admin().get("/v1/tenant").then().extract().path("licence.licence_id");

        tenant.admin()
                .body(Map.of("plan", "pro"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(200)
                .body("licence.licence_id", equalTo(licence));
    }

    @Test
    void changePlanWhenBackToEvaluationOrUnknownThenProblem() {
        var tenant = TenantFixture.register("free");

        tenant.admin()
                .body(Map.of("plan", "evaluation"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/evaluation-unavailable"));
        tenant.admin()
                .body(Map.of("plan", "gold"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("plan"));
    }

    @Test
    void revokeLicenceWhenActiveThenQuotasDropToZeroUntilAPlanIsChosen() {
        var tenant = TenantFixture.register("pro");
        var mark = EventLog.mark(Topic.TENANT);

        tenant.admin()
                .queryParam("reason", "payment failed")
                .delete("/v1/tenant/licence")
                .then()
                .statusCode(200)
                .body("licence.status", equalTo("revoked"))
                .body("licence.end_reason", equalTo("payment failed"))
                .body("quotas.applications", equalTo(0));
        tenant.admin().delete("/v1/tenant/licence").then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        tenant.admin()
                .body(Map.of("plan", "free"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(200)
                .body("licence.status", equalTo("active"))
                .body("quotas.applications", equalTo(1));

        var events = mark.await(tenant.tenantId(), event -> true, 3);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.licence.revoked.v1", "nexid.licence.assigned.v1", "nexid.licence.plan_changed.v1");
        assertThat(events.get(0).get("data").get("reason").asText()).isEqualTo("payment failed");
    }

    @Test
    void expiryJobWhenEvaluationRanOutThenLicenceExpiredAndEvent() throws Throwable {
        var tenant = TenantFixture.register("evaluation");
        pool.preparedQuery("update licence set expires_at = now() - interval '1 minute' where tenant_id = $1")
                .execute(Tuple.of(tenant.tenantId()))
                .await()
                .atMost(Duration.ofSeconds(10));
        var mark = EventLog.mark(Topic.TENANT);

        VertxContextSupport.subscribeAndAwait(() -> expiryJob.expireEvaluations());

        mark.awaitType(tenant.tenantId(), "nexid.licence.evaluation_expired.v1");
        tenant.admin()
                .get("/v1/tenant")
                .then()
                .statusCode(200)
                .body("licence.status", equalTo("expired"))
                .body("quotas.monthly_active_users", equalTo(0));
    }

    @Test
    void renameWhenValidThenEventAndNewName() {
        var tenant = TenantFixture.register("free");
        var mark = EventLog.mark(Topic.TENANT);

        tenant.admin()
                .body(Map.of("name", "Acme Renamed"))
                .patch("/v1/tenant")
                .then()
                .statusCode(200)
                .body("name", equalTo("Acme Renamed"));

        assertThat(mark.awaitType(tenant.tenantId(), "nexid.tenant.renamed.v1")
                        .get("data")
                        .get("name")
                        .asText())
                .isEqualTo("Acme Renamed");
    }
}
