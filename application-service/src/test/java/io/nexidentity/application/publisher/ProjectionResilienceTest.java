package io.nexidentity.application.publisher;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;

/**
 * The application-service's two projections (tenants and ManifestPublisher clients) each get an event the database
 * refuses (a NUL character in its id, which the processed-event ledger cannot store): it is kept as a dead letter, and
 * the event after it is still applied.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service"))
class ProjectionResilienceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Test
    void tenantProjectionWhenAnEventIsRefusedByTheDatabaseThenDeadLetteredAndTheNextApplied() {
        var refusedTenant = UUID.randomUUID();
        var refused = "refused-" + UUID.randomUUID();
        EventLog.produce(Topic.TENANT, refusedTenant.toString(), tenantRegistered(refused + "\\u0000", refusedTenant));
        var tenant = UUID.randomUUID();
        EventLog.produce(
                Topic.TENANT,
                tenant.toString(),
                tenantRegistered(UUID.randomUUID().toString(), tenant));

        await().atMost(PATIENCE)
                .until(() -> count("select count(*) from projected_tenant where tenant_id = $1", tenant) == 1);
        await().atMost(PATIENCE).until(() -> deadLetters("tenant-projection", refused) == 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void publisherClientProjectionWhenAnEventIsRefusedByTheDatabaseThenDeadLetteredAndTheNextApplied() {
        var tenant = UUID.randomUUID();
        var refused = "refused-" + UUID.randomUUID();
        EventLog.produce(Topic.CLIENT, tenant.toString(), publisherCreated(refused + "\\u0000", tenant, "nxc-refused"));
        var clientId = "nxc-" + UUID.randomUUID();
        EventLog.produce(
                Topic.CLIENT,
                tenant.toString(),
                publisherCreated(UUID.randomUUID().toString(), tenant, clientId));

        await().atMost(PATIENCE)
                .until(() -> count("select count(*) from projected_client where client_id = $1", clientId) == 1);
        await().atMost(PATIENCE).until(() -> deadLetters("client-projection", refused) == 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private long deadLetters(String consumer, String eventIdPrefix) {
        return count(
                "select count(*) from dead_letter_event where consumer = $1 and starts_with(event_id, $2)",
                consumer,
                eventIdPrefix);
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(parameters))
                .await()
                .atMost(PATIENCE)
                .iterator()
                .next()
                .getLong(0);
    }

    private static String tenantRegistered(String eventId, UUID tenantId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.tenant.registered.v1","time":"%s",\
                "tenantid":"%s","data":{"slug":"t-%s","name":"Resilient","plan":"pro"}}""".formatted(
                        eventId, Instant.now(), tenantId, tenantId.toString().substring(0, 8));
    }

    private static String publisherCreated(String eventId, UUID tenantId, String clientId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.client.created.v1","time":"%s",\
                "tenantid":"%s","data":{"client_id":"%s","tenant_id":"%s","application_id":"%s",\
                "profile":"manifest_publisher","status":"active"}}""".formatted(eventId, Instant.now(), tenantId, clientId, tenantId, UUID.randomUUID());
    }
}
