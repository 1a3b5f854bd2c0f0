package io.nexidentity.audit.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;

import io.nexidentity.audit.AuditFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
@QuarkusTestResource(TestIssuer.class)
class AuditTrailTest {

    @Inject
    Pool pool;

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void ingestWhenEventsRedeliveredThenEachStoredOnceInChainOrder() {
        var tenant = AuditFixture.newTenant();
        var first = tenant.clientEvent("nexid.client.created.v1", "nxc-1");
        var second = tenant.clientEvent("nexid.client.updated.v1", "nxc-1");
        tenant.publishWithId(
                Topic.CLIENT, first, "nexid.client.created.v1", "nxc-1", "admin-client", Instant.now(), "{}");
        var third = tenant.clientEvent("nexid.client.disabled.v1", "nxc-1");

        awaitCount(tenant, 3);
        var items = tenant.admin()
                .get("/v1/audit-events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(items.getList("items.event_id")).containsExactly(third, second, first);
        assertThat(items.getList("items.chain_index", Integer.class)).containsExactly(3, 2, 1);
        assertThat(items.getString("items[2].category")).isEqualTo("client");
        assertThat(items.getString("items[2].event.type")).isEqualTo("nexid.client.created.v1");
    }

    @Test
    void ingestWhenAnEventCannotBeStoredThenItIsDeadLetteredAndTheRestOfTheTrailGoesOn() {
        var tenant = AuditFixture.newTenant();
        var before = tenant.clientEvent("nexid.client.created.v1", "nxc-1");
        // A NUL character in the type: PostgreSQL refuses it in a text column, so this event can never be stored.
        var refused =
                tenant.publish(Topic.CLIENT, "nexid.client.updated.v1\\u0000", "nxc-1", null, Instant.now(), "{}");
        // A NUL character in the subject (a caller may type one into a username) does not keep an event out.
        var typed = tenant.publish(Topic.CLIENT, "nexid.sign_in.failed.v1", "ann\\u0000@x", null, Instant.now(), "{}");
        var after = tenant.clientEvent("nexid.client.disabled.v1", "nxc-1");

        awaitCount(tenant, 3);
        var trail = tenant.admin()
                .get("/v1/audit-events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(trail.getList("items.event_id")).containsExactly(after, typed, before);
        assertThat(trail.getString("items[1].subject")).isEqualTo("ann\uFFFD@x");
        await().atMost(PATIENCE)
                .until(() -> pool.preparedQuery("select count(*) from dead_letter_event where event_id = $1")
                                .execute(Tuple.of(refused))
                                .await()
                                .atMost(PATIENCE)
                                .iterator()
                                .next()
                                .getLong(0)
                        == 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void queryWhenFilteredThenOnlyMatchingEvents() {
        var tenant = AuditFixture.newTenant();
        var monday = Instant.parse("2026-11-23T10:00:00Z");
        tenant.publish(Topic.AUTH, "nexid.token.issued.v1", "jti-1", "nxc-a", monday, "{}");
        tenant.publish(Topic.TENANT, "nexid.licence.assigned.v1", "lic-1", null, monday.plusSeconds(60), "{}");
        // Newest first means newest stored; events of different topics may be stored in any order, so wait.
        awaitCount(tenant, 2);
        tenant.publish(
                Topic.CLIENT,
                "nexid.client.created.v1",
                "nxc-b",
                "admin-x",
                monday.plusSeconds(120),
                "{\"organization_id\":\"" + tenant.organizationId() + "\"}");
        tenant.publish(Topic.CLIENT, "nexid.client.disabled.v1", "nxc-b", "admin-y", monday.plusSeconds(180), "{}");
        tenant.publish(
                Topic.SECURITY,
                "nexid.security.cross_tenant_access_denied.v1",
                "org-1",
                "intruder",
                monday.plusSeconds(240),
                "{}");
        awaitCount(tenant, 5);

        typesOf(tenant, "category=authorization").containsExactly("nexid.token.issued.v1");
        typesOf(tenant, "category=licensing").containsExactly("nexid.licence.assigned.v1");
        typesOf(tenant, "category=security").containsExactly("nexid.security.cross_tenant_access_denied.v1");
        typesOf(tenant, "type=nexid.client.*").containsExactly("nexid.client.disabled.v1", "nexid.client.created.v1");
        typesOf(tenant, "actor=admin-y").containsExactly("nexid.client.disabled.v1");
        typesOf(tenant, "subject=nxc-b").containsExactly("nexid.client.disabled.v1", "nexid.client.created.v1");
        typesOf(tenant, "organization_id=" + tenant.organizationId()).containsExactly("nexid.client.created.v1");
        typesOf(tenant, "from=2026-11-23T10:01:00Z&to=2026-11-23T10:03:00Z")
                .containsExactly("nexid.client.created.v1", "nexid.licence.assigned.v1");
        tenant.admin()
                .get("/v1/audit-events?category=fun")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("category"));
        tenant.admin()
                .get("/v1/audit-events?from=yesterday")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void paginationWhenNewEventsArriveBetweenPagesThenNextPageContinuesUnchanged() {
        var tenant = AuditFixture.newTenant();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            ids.add(tenant.clientEvent("nexid.client.updated.v1", "nxc-" + i));
        }
        awaitCount(tenant, 5);

        var page = tenant.admin()
                .get("/v1/audit-events?limit=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        tenant.clientEvent("nexid.client.created.v1", "nxc-new");
        awaitCount(tenant, 6);
        var next = tenant.admin()
                .get("/v1/audit-events?limit=2&cursor=" + page.getString("next_cursor"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(page.getList("items.event_id")).containsExactly(ids.get(4), ids.get(3));
        assertThat(next.getList("items.event_id")).containsExactly(ids.get(2), ids.get(1));
    }

    @Test
    void exportWhenTimeRangeGivenThenNdjsonOldestFirst() {
        var tenant = AuditFixture.newTenant();
        var start = Instant.parse("2026-11-24T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            tenant.publish(Topic.TENANT, "nexid.user.updated.v1", "u-" + i, null, start.plusSeconds(i), "{}");
        }
        awaitCount(tenant, 3);

        var body = tenant.admin()
                .get("/v1/audit-events/export?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();

        assertThat(body).doesNotContain("\n\n").endsWith("\n");
        var lines = body.strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("\"subject\":\"u-0\"");
        assertThat(lines[2]).contains("\"subject\":\"u-2\"");
        // The media type it produces is the one a client asks for.
        tenant.admin()
                .accept("application/x-ndjson")
                .get("/v1/audit-events/export?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson");
        tenant.admin().get("/v1/audit-events/export").then().statusCode(400);
        tenant.admin()
                .accept("application/x-ndjson")
                .get("/v1/audit-events/export")
                .then()
                .statusCode(400);
    }

    @Test
    void readWhenEventOfAnotherTenantThenNotFoundAndTheAttemptAudited() {
        var owner = AuditFixture.newTenant();
        var intruder = AuditFixture.newTenant();
        var id = owner.clientEvent("nexid.client.created.v1", "nxc-secret");
        awaitCount(owner, 1);
        var mark = EventLog.mark(Topic.SECURITY);

        intruder.admin().get("/v1/audit-events/" + id).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        owner.admin().get("/v1/audit-events/" + id).then().statusCode(200).body("event_id", equalTo(id));
        intruder.admin().get("/v1/audit-events").then().statusCode(200).body("items", empty());

        var attempt = mark.awaitType(owner.tenantId(), "nexid.security.cross_tenant_access_denied.v1");
        assertThat(attempt.get("data").get("caller_tenant_id").asText())
                .isEqualTo(intruder.tenantId().toString());
        await().atMost(PATIENCE)
                .untilAsserted(() -> owner.admin()
                        .get("/v1/audit-events?category=security")
                        .then()
                        .body("items.type", contains("nexid.security.cross_tenant_access_denied.v1")));
    }

    private static ListAssert<Object> typesOf(AuditFixture tenant, String query) {
        return assertThat(tenant.admin()
                .get("/v1/audit-events?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.type"));
    }

    static void awaitCount(AuditFixture tenant, int count) {
        await().atMost(PATIENCE)
                .until(() -> tenant.admin()
                                .get("/v1/audit-events?limit=500")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("items")
                                .size()
                        == count);
    }
}
