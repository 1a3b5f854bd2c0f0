package io.nexidentity.application.publisher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
 * The application-service's two projections (tenants and ManifestPublisher clients) each get an event they cannot use
 * or the database refuses: the one is skipped, the other kept as a dead letter, and the event after it is applied.
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
    void tenantProjectionWhenAnEventCannotBeUsedThenSkippedAndTheNextApplied() {
        var unusable = "unusable-" + UUID.randomUUID();
        EventLog.produce(Topic.TENANT, "x", tenantRegistered(unusable, "not-a-uuid"));
        var tenant = UUID.randomUUID();
        EventLog.produce(
                Topic.TENANT,
                tenant.toString(),
                tenantRegistered(UUID.randomUUID().toString(), tenant.toString()));

        await().atMost(PATIENCE)
                .until(() -> count("select count(*) from projected_tenant where id = $1", tenant.toString()) == 1);
        assertThat(count("select count(*) from projected_tenant where id = $1", "not-a-uuid"))
                .isZero();
        assertThat(deadLetters("tenant-projection", unusable)).isZero();
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void publisherClientProjectionWhenAnEventIsRefusedByTheDatabaseThenDeadLetteredAndTheNextApplied() {
        var tenant = UUID.randomUUID();
        var refused = "refused-" + UUID.randomUUID();
        // Readable, but PostgreSQL refuses the NUL character of its client id: it can never be stored.
        EventLog.produce(Topic.CLIENT, tenant.toString(), publisherCreated(refused, tenant, "nxc-refused\\u0000"));
        var clientId = "nxc-" + UUID.randomUUID();
        EventLog.produce(
                Topic.CLIENT,
                tenant.toString(),
                publisherCreated(UUID.randomUUID().toString(), tenant, clientId));

        await().atMost(PATIENCE)
                .until(() -> count("select count(*) from projected_client where id = $1", clientId) == 1);
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

    private static String tenantRegistered(String eventId, String tenantId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.tenant.registered.v1","time":"%s",\
                "tenantid":"%s","data":{"slug":"t-%s","name":"Resilient","plan":"pro"}}""".formatted(eventId, Instant.now(), tenantId, tenantId.substring(0, 8));
    }

    private static String publisherCreated(String eventId, UUID tenantId, String clientId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.client.created.v1","time":"%s",\
                "tenantid":"%s","data":{"client_id":"%s","tenant_id":"%s","application_id":"%s",\
                "profile":"manifest_publisher","status":"active"}}""".formatted(eventId, Instant.now(), tenantId, clientId, tenantId, UUID.randomUUID());
    }
}
