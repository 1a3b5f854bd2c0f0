package io.nexidentity.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
                .until(() -> pool.preparedQuery(
                                        "select 1 from projected_tenant where tenant_id = $1 and licence_status = 'active'")
                                .execute(Tuple.of(tenant.tenantId()))
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
                .body("from_index", equalTo(5));
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
