package io.nexidentity.audit.chain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.audit.AuditFixture;
import io.nexidentity.audit.retention.AuditRetentionJob;
import io.nexidentity.events.Topic;

@QuarkusTest
class ChainAndRetentionTest {

    @Inject
    Pool pool;

    @Inject
    AuditRetentionJob retention;

    @Inject
    MeterRegistry registry;

    @Inject
    ChainHeadSigner heads;

    @Test
    void verifyWhenRowModifiedThenFirstBreakReportedAtThatEvent() {
        var tenant = AuditFixture.newTenant();
        for (int i = 0; i < 4; i++) {
            tenant.clientEvent("nexid.client.updated.v1", "nxc-" + i);
        }
        awaitChainLength(tenant, 4);
        tenant.admin()
                .get("/v1/audit-chain/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("events_checked", equalTo(4));

        sql(
                "update audit_event set payload = replace(payload, 'nxc-2', 'nxc-X') where tenant_id = $1 and chain_index = 3",
                tenant);

        tenant.admin()
                .get("/v1/audit-chain/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("first_break.chain_index", equalTo(3))
                .body("first_break.reason", equalTo("the stored event does not match its hash"));
        tenant.admin()
                .get("/v1/audit-chain/verify?from_index=1&to_index=2")
                .then()
                .body("intact", equalTo(true));
    }

    @Test
    void verifyWhenRowDeletedOrRelinkedThenBreakFound() {
        var tenant = AuditFixture.newTenant();
        for (int i = 0; i < 3; i++) {
            tenant.clientEvent("nexid.client.updated.v1", "nxc-" + i);
        }
        awaitChainLength(tenant, 3);

        sql("delete from audit_event where tenant_id = $1 and chain_index = 2", tenant);

        tenant.admin()
                .get("/v1/audit-chain/verify")
                .then()
                .body("intact", equalTo(false))
                .body("first_break.chain_index", equalTo(2))
                .body("first_break.reason", equalTo("event 2 of the chain is missing"));
    }

    @Test
    void retentionWhenEventsOutliveThePlanThenOldestPrefixDeletedCountedAndChainStillVerifies() throws Throwable {
        var tenant = AuditFixture.newTenant();
        tenant.publish(
                Topic.TENANT,
                "nexid.licence.assigned.v1",
                "lic-1",
                null,
                Instant.now(),
                "{\"licence_id\":\"lic-1\",\"plan\":\"free\",\"status\":\"active\",\"quotas\":{\"applications\":1,"
                        + "\"clients_per_application\":3,\"monthly_active_users\":1000,\"webhook_endpoints\":1,"
                        + "\"audit_retention_days\":7}}");
        for (int i = 0; i < 3; i++) {
            tenant.clientEvent("nexid.client.updated.v1", "nxc-" + i);
        }
        awaitChainLength(tenant, 4);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pool.preparedQuery("select 1 from projected_tenant where id = $1"
                                        + " and record::jsonb ->> 'licence_status' = 'active'")
                                .execute(Tuple.of(tenant.tenantId().toString()))
                                .await()
                                .atMost(Duration.ofSeconds(5))
                                .size()
                        == 1);
        var before = deletedCount();

        var sixDaysLater = VertxContextSupport.subscribeAndAwait(
                () -> retention.apply(Instant.now().plus(Duration.ofDays(6))));
        var eightDaysLater = VertxContextSupport.subscribeAndAwait(
                () -> retention.apply(Instant.now().plus(Duration.ofDays(8))));

        assertThat(sixDaysLater).isZero();
        assertThat(eightDaysLater).isGreaterThanOrEqualTo(4);
        assertThat(deletedCount() - before).isGreaterThanOrEqualTo(4);
        tenant.admin().get("/v1/audit-events").then().body("items.size()", equalTo(0));
        tenant.clientEvent("nexid.client.created.v1", "nxc-after");
        awaitChainLength(tenant, 1);
        tenant.admin()
                .get("/v1/audit-chain/verify")
                .then()
                .body("intact", equalTo(true))
                .body("from_index", equalTo(5))
                .body("pruned_before.up_to_index", equalTo(4))
                .body("pruned_before.retention_days", equalTo(7))
                .body("pruned_before.hash", notNullValue());
    }

    @Test
    void retentionWhenPlanDowngradedThenTheLongerRetentionHoldsThroughTheGracePeriod() throws Throwable {
        var tenant = AuditFixture.newTenant();
        var now = Instant.now();
        licence(tenant, "enterprise", 90, now);
        tenant.clientEvent("nexid.client.updated.v1", "nxc-1");
        awaitChainLength(tenant, 2);
        awaitRetention(tenant, 90);
        VertxContextSupport.subscribeAndAwait(() -> retention.apply(now));

        licence(tenant, "free", 7, now.plusSeconds(1));
        awaitRetention(tenant, 7);

        VertxContextSupport.subscribeAndAwait(() -> retention.apply(now.plus(Duration.ofDays(8))));
        assertThat(stored(tenant)).isEqualTo(3);

        VertxContextSupport.subscribeAndAwait(() -> retention.apply(now.plus(Duration.ofDays(40))));
        assertThat(stored(tenant)).isZero();
    }

    @Test
    void verifyWhenAPrefixWasRemovedWithoutCheckpointThenBroken() {
        var tenant = AuditFixture.newTenant();
        for (int i = 0; i < 4; i++) {
            tenant.clientEvent("nexid.client.updated.v1", "nxc-" + i);
        }
        awaitChainLength(tenant, 4);

        sql("delete from audit_event where tenant_id = $1 and chain_index <= 2", tenant);
        sql("update audit_chain_head set pruned_up_to = 2 where tenant_id = $1", tenant);

        tenant.admin()
                .get("/v1/audit-chain/verify")
                .then()
                .body("intact", equalTo(false))
                .body("first_break.reason", equalTo("events before this one were removed without a checkpoint"));
    }

    @Test
    void verifyHeadWhenTheChainWasRewrittenWithRecomputedHashesThenTheSignedHeadExposesIt() throws Throwable {
        var tenant = AuditFixture.newTenant();
        for (int i = 0; i < 3; i++) {
            tenant.clientEvent("nexid.client.updated.v1", "nxc-" + i);
        }
        awaitChainLength(tenant, 3);
        VertxContextSupport.subscribeAndAwait(() -> heads.signMovedHeads());
        var jws = tenant.admin()
                .get("/v1/audit-chain/heads")
                .then()
                .statusCode(200)
                .body("[0].chain_index", equalTo(3))
                .extract()
                .<String>path("[0].jws");
        var key = given().get("/v1/audit-chain/signing-key")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(key.getString("keys[0].crv")).isEqualTo("Ed25519");
        assertThat(verifyHead(tenant, jws).getBoolean("holds")).isTrue();

        rewriteFrom(tenant, 2);

        tenant.admin().get("/v1/audit-chain/verify").then().body("intact", equalTo(true));
        var check = verifyHead(tenant, jws);
        assertThat(check.getBoolean("holds")).isFalse();
        assertThat(check.getString("reason")).contains("rewritten");
        var parts = jws.split("\\.");
        var forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThat(verifyHead(tenant, forged).getString("reason")).contains("not signed with the audit key");
        assertThat(verifyHead(AuditFixture.newTenant(), jws).getBoolean("holds"))
                .isFalse();
    }

    /** What someone with write access to the database could do: change an event and recompute every hash after it. */
    private void rewriteFrom(AuditFixture tenant, long index) {
        var rows = pool.preparedQuery("select chain_index, event_id, payload, prev_hash from audit_event"
                        + " where tenant_id = $1 and chain_index >= $2 order by chain_index")
                .execute(Tuple.of(tenant.tenantId(), index))
                .await()
                .atMost(Duration.ofSeconds(10));
        String previous = null;
        for (var row : rows) {
            var prev = previous == null ? row.getString("prev_hash") : previous;
            var payload = row.getString("payload").replace("nxc-", "nxc-rewritten-");
            var hash = ChainHash.link(prev, row.getLong("chain_index"), row.getString("event_id"), payload);
            pool.preparedQuery("update audit_event set payload = $3, prev_hash = $4, hash = $5"
                            + " where tenant_id = $1 and chain_index = $2")
                    .execute(Tuple.of(tenant.tenantId(), row.getLong("chain_index"), payload, prev, hash))
                    .await()
                    .atMost(Duration.ofSeconds(10));
            previous = hash;
        }
        pool.preparedQuery("update audit_chain_head set last_hash = $2 where tenant_id = $1")
                .execute(Tuple.of(tenant.tenantId(), previous))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private static io.restassured.path.json.JsonPath verifyHead(AuditFixture tenant, String jws) {
        return tenant.admin()
                .body(java.util.Map.of("jws", jws))
                .post("/v1/audit-chain/verify-head")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void licence(AuditFixture tenant, String plan, int retentionDays, Instant at) {
        tenant.publish(
                Topic.TENANT,
                "nexid.licence.assigned.v1",
                "lic-" + plan,
                null,
                at,
                ("{\"licence_id\":\"lic-%s\",\"plan\":\"%s\",\"status\":\"active\",\"quotas\":{\"applications\":1,"
                                + "\"clients_per_application\":3,\"monthly_active_users\":1000,\"webhook_endpoints\":1,"
                                + "\"audit_retention_days\":%d}}")
                        .formatted(plan, plan, retentionDays));
    }

    private static int stored(AuditFixture tenant) {
        return tenant.admin()
                .get("/v1/audit-events?limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items")
                .size();
    }

    private void awaitRetention(AuditFixture tenant, int days) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pool.preparedQuery("select 1 from projected_tenant where id = $1"
                                        + " and record::jsonb ->> 'licence_status' = 'active'"
                                        + " and (record::jsonb -> 'quotas' ->> 'audit_retention_days')::int = $2")
                                .execute(Tuple.of(tenant.tenantId().toString(), days))
                                .await()
                                .atMost(Duration.ofSeconds(5))
                                .size()
                        == 1);
    }

    private void awaitChainLength(AuditFixture tenant, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tenant.admin()
                                .get("/v1/audit-events?limit=500")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("items")
                                .size()
                        == count);
    }

    private void sql(String statement, AuditFixture tenant) {
        pool.preparedQuery(statement)
                .execute(Tuple.of(tenant.tenantId()))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private double deletedCount() {
        var counter = registry.find("nexid.audit.retention.deleted").counter();
        return counter == null ? 0 : counter.count();
    }
}
