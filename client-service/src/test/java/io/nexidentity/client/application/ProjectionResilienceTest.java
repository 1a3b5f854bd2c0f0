package io.nexidentity.client.application;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.client.ClientFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;

/**
 * Records the projections cannot use (not JSON, a payload of the wrong shape, an id that is no id) are skipped, not
 * dead-lettered: the service stays ready and an application change published after them still reaches the
 * client-service's projection.
 */
@QuarkusTest
class ProjectionResilienceTest {

    @Inject
    Pool pool;

    @Test
    void projectionWhenRecordsCannotBeReadThenSkippedAndLaterChangesStillApply() {
        var tenant = ClientFixture.tenant("pro");
        var applicationId = ClientFixture.application(tenant).getString("application_id");
        ClientFixture.automationClient(tenant, applicationId);

        var key = tenant.tenantId().toString();
        EventLog.produce(Topic.APPLICATION, key, "not json at all");
        EventLog.produce(Topic.APPLICATION, key, """
                {"specversion":"1.0","id":"broken-app","source":"/test","type":"nexid.application.updated.v1",
                 "time":"2026-11-26T10:00:00Z","tenantid":"%s","data":{"api_scopes":"not a list"}}""".formatted(key));
        // Readable, but without the application it is about (as another service's test once produced).
        EventLog.produce(Topic.APPLICATION, key, """
                {"specversion":"1.0","id":"incomplete-app-%s","source":"/test","type":"nexid.application.updated.v1",
                 "time":"2026-11-26T10:00:00Z","tenantid":"%s","data":{"client_id":"nxc-1"}}""".formatted(UUID.randomUUID(), key));
        EventLog.produce(Topic.TENANT, key, "{\"unexpected\": true}");
        // Readable and complete but for its application id, which is no UUID (a NUL character inside).
        var unusable = "unusable-" + UUID.randomUUID();
        EventLog.produce(Topic.APPLICATION, key, """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.application.updated.v1",
                 "time":"2026-11-26T10:00:00Z","tenantid":"%s","data":{"application_id":"%s\\u0000","tenant_id":"%s",
                 "status":"active"}}""".formatted(unusable, key, UUID.randomUUID(), key));
        tenant.adminAt(PlatformTestStack.url("application-service"))
                .post("/v1/applications/" + applicationId + "/archive")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> tenant.admin()
                                .body(Map.of(
                                        "application_id",
                                        applicationId,
                                        "name",
                                        "late",
                                        "profile",
                                        "automation",
                                        "scopes",
                                        List.of("orders:read")))
                                .post("/v1/clients")
                                .statusCode()
                        == 409);
        assertThat(deadLetters("broken-app")).isZero();
        assertThat(deadLetters(unusable)).isZero();
        given().get("/q/health/ready").then().statusCode(200);
    }

    private long deadLetters(String eventIdPrefix) {
        return pool.preparedQuery("select count(*) from dead_letter_event where consumer = 'application-projection'"
                        + " and starts_with(event_id, $1)")
                .execute(Tuple.of(eventIdPrefix))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong(0);
    }
}
