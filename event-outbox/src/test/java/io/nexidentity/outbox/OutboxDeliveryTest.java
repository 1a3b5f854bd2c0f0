package io.nexidentity.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.Topic;

@QuarkusTest
@QuarkusTestResource(value = PrivateKafkaBroker.class, restrictToAnnotatedClass = true)
class OutboxDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Inject
    ProbeService probes;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper mapper;

    @Test
    void relayWhenKafkaIsDownThenEventArrivesAfterRestartExactlyOnceInConsumerStore() throws Throwable {
        var broker = PrivateKafkaBroker.running();
        var tenant = UUID.randomUUID().toString();

        var beforeOutage = rename(tenant, "before outage");
        await().atMost(PATIENCE).until(() -> timesConsumed(beforeOutage) == 1);

        broker.stopBroker();
        double failuresBefore = relayFailures();
        var duringOutage = rename(tenant, "during outage");
        await().atMost(PATIENCE).until(() -> relayFailures() > failuresBefore);
        assertThat(waitingInOutbox(duringOutage)).isTrue();
        assertThat(timesConsumed(duringOutage)).isZero();

        broker.startBroker();
        await().atMost(PATIENCE).until(() -> timesConsumed(duringOutage) == 1);
        assertThat(waitingInOutbox(duringOutage)).isFalse();

        broker.produce(Topic.TENANT.topicName(), tenant, mapper.writeValueAsString(duringOutage));
        var afterRedelivery = rename(tenant, "after redelivery");
        await().atMost(PATIENCE).until(() -> timesConsumed(afterRedelivery) == 1);
        assertThat(timesConsumed(duringOutage)).isEqualTo(1);
        assertThat(timesConsumed(beforeOutage)).isEqualTo(1);
    }

    @Test
    void appendWhenTransactionCommitsThenEventCarriesTypeSourceSubjectAndTenant() throws Throwable {
        var tenant = UUID.randomUUID().toString();

        var event = rename(tenant, "acme");

        assertThat(event.type()).isEqualTo("nexid.probe.renamed.v1");
        assertThat(event.source()).isEqualTo("/nexid/outbox-probe");
        assertThat(event.tenantid()).isEqualTo(tenant);
        assertThat(event.partitionKey()).isEqualTo(tenant);
        assertThat(event.data().get("name").asText()).isEqualTo("acme");
        await().atMost(PATIENCE).until(() -> timesConsumed(event) == 1);
    }

    private CloudEvent rename(String tenant, String name) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> probes.rename(tenant, name));
    }

    private long timesConsumed(CloudEvent event) {
        return pool.preparedQuery("select count(*) from consumed_event where event_id = $1")
                .execute(Tuple.of(event.id()))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    private boolean waitingInOutbox(CloudEvent event) {
        return pool.preparedQuery("select 1 from outbox_event where event_id = $1")
                        .execute(Tuple.of(event.id()))
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .size()
                == 1;
    }

    private double relayFailures() {
        var counter = registry.find("nexid.outbox.relay.failures").counter();
        return counter == null ? 0 : counter.count();
    }
}
