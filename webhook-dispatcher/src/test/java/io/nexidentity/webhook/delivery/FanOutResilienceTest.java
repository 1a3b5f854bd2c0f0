package io.nexidentity.webhook.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.webhook.Receiver;

/**
 * The fan-out is shared by every tenant, so nothing one tenant does may stop it: an endpoint deleted or disabled while
 * the batch that matched it is being stored (the test holds the endpoint's row while the fan-out is at its insert, then
 * changes it), and an event the database cannot store. Each time, the other endpoints still get their deliveries and
 * the service stays ready.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service"))
class FanOutResilienceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Receiver RECEIVER = new Receiver();

    @Inject
    Pool pool;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void fanOutWhenEndpointIsDeletedBetweenMatchAndInsertThenOthersAreDeliveredAndConsumerGoesOn() {
        changedWhileStored((connection, endpointId) -> connection
                .preparedQuery("delete from webhook_endpoint where id = $1")
                .execute(Tuple.of(endpointId))
                .await()
                .atMost(PATIENCE));
    }

    @Test
    void fanOutWhenEndpointIsDisabledBetweenMatchAndInsertThenItGetsNothingAndOthersAreDelivered() {
        changedWhileStored((connection, endpointId) -> connection
                .preparedQuery("update webhook_endpoint set enabled = false, updated_at = now() where id = $1")
                .execute(Tuple.of(endpointId))
                .await()
                .atMost(PATIENCE));
    }

    @Test
    void fanOutWhenAnEventCannotBeStoredThenItIsDeadLetteredAndTheNextIsDelivered() {
        var tenant = tenant();
        var path = "/poison-" + UUID.randomUUID();
        endpoint(tenant, path);

        // A NUL character in the type: PostgreSQL refuses it in a text column, so this event can never be stored.
        var poison = publish(tenant, "nexid.client.updated.v1\\u0000");
        var next = publish(tenant, "nexid.client.updated.v1");

        await().atMost(PATIENCE).until(() -> RECEIVER.received(path).stream().anyMatch(r -> next.equals(r.id())));
        assertThat(RECEIVER.received(path)).noneMatch(r -> poison.equals(r.id()));
        assertThat(deadLetters(poison)).isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private void changedWhileStored(BiFunction<SqlConnection, UUID, Object> change) {
        var tenant = tenant();
        var changedPath = "/changed-" + UUID.randomUUID();
        var keptPath = "/kept-" + UUID.randomUUID();
        var changed = endpoint(tenant, changedPath);
        endpoint(tenant, keptPath);

        var connection = pool.getConnection().await().atMost(PATIENCE);
        try {
            var transaction = connection.begin().await().atMost(PATIENCE);
            connection
                    .preparedQuery("select id from webhook_endpoint where id = $1 for update")
                    .execute(Tuple.of(changed))
                    .await()
                    .atMost(PATIENCE);
            var eventId = publish(tenant, "nexid.client.updated.v1");
            await().atMost(PATIENCE).until(() -> waitingForLock() > 0);
            change.apply(connection, changed);
            transaction.commit().await().atMost(PATIENCE);

            await().atMost(PATIENCE)
                    .until(() -> RECEIVER.received(keptPath).stream().anyMatch(r -> eventId.equals(r.id())));
            assertThat(RECEIVER.received(changedPath)).noneMatch(r -> eventId.equals(r.id()));
            assertThat(deadLetters(eventId)).isZero();
            var after = publish(tenant, "nexid.client.updated.v1");
            await().atMost(PATIENCE)
                    .until(() -> RECEIVER.received(keptPath).stream().anyMatch(r -> after.equals(r.id())));
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            connection.close().await().atMost(PATIENCE);
        }
    }

    private long waitingForLock() {
        return pool.query(
                        "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                                + " where not l.granted and l.locktype in ('transactionid', 'tuple') and a.datname = current_database()")
                .execute()
                .await()
                .atMost(PATIENCE)
                .iterator()
                .next()
                .getLong(0);
    }

    private long deadLetters(String eventId) {
        return pool.preparedQuery("select count(*) from dead_letter_event where consumer = $1 and event_id = $2")
                .execute(Tuple.of(FanOutConsumer.CONSUMER, eventId))
                .await()
                .atMost(PATIENCE)
                .iterator()
                .next()
                .getLong(0);
    }

    /** Publishes an event of the tenant as its producing service would, and returns its id. */
    private static String publish(TenantFixture tenant, String type) {
        var id = UUID.randomUUID().toString();
        EventLog.produce(
                Topic.CLIENT, tenant.tenantId().toString(), """
                {"specversion":"1.0","id":"%s","source":"/nexid/test","type":"%s","subject":"nxc-test",\
                "time":"%s","tenantid":"%s","data":{}}""".formatted(id, type, Instant.now(), tenant.tenantId()));
        return id;
    }

    private static TenantFixture tenant() {
        return TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
    }

    private static UUID endpoint(TenantFixture tenant, String path) {
        return UUID.fromString(tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        RECEIVER.url(path),
                        "event_types",
                        List.of("nexid.client.*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .path("endpoint_id"));
    }
}
