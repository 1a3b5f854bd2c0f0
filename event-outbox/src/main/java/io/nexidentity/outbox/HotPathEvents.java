package io.nexidentity.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.nexidentity.events.EventType;

/**
 * Events of hot request paths (a token issued, a sign-in): {@link #publish} only enqueues, so a request never waits on
 * Kafka. A background thread produces them; whatever Kafka cannot take (broker down, queue full, shutdown) is spilled
 * to the outbox, which the relay delivers later, so an event is not lost while Kafka is away.
 */
@ApplicationScoped
public class HotPathEvents {

    private static final Logger LOG = Logger.getLogger(HotPathEvents.class);
    private static final int CAPACITY = 50_000;

    private final OutboxWriter outbox;
    private final KafkaProducer<String, String> producer;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread drainer;
    private final Counter produced;
    private final Counter spilled;
    private volatile boolean running = true;

    HotPathEvents(
            OutboxWriter outbox,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OutboxConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        var properties = KafkaProducerProperties.of(kafkaConfig, "hot-path-events");
        // Nobody waits on these sends: fuller batches spare the request threads' core the producer's per-request work.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                config.deliveryTimeout().toMillis());
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                Math.min(10_000, config.deliveryTimeout().toMillis() - 20));
        this.producer = new KafkaProducer<>(properties);
        this.produced = Counter.builder("nexid.hot_path_events.produced")
                .description("Hot-path events handed to Kafka")
                .register(registry);
        this.spilled = Counter.builder("nexid.hot_path_events.spilled")
                .description("Hot-path events Kafka could not take, written to the outbox instead")
                .register(registry);
        this.drainer = new Thread(this::drain, "hot-path-events");
        this.drainer.setDaemon(true);
        this.drainer.start();
    }

    /** Queues an event; never blocks. */
    public <P> void publish(EventType<P> type, String subject, String tenantId, P payload) {
        var event = outbox.event(type, subject, tenantId, payload);
        var pending = new Pending(
                type.topic().topicName(), event.id(), event.partitionKey(), outbox.serialize(event), event.time());
        if (!queue.offer(pending)) {
            spill(pending, "queue full");
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            Pending pending;
            try {
                pending = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending == null) {
                continue;
            }
            try {
                producer.send(
                        new ProducerRecord<>(pending.topic(), pending.key(), pending.json()), (metadata, error) -> {
                            if (error == null) {
                                produced.increment();
                            } else {
                                spill(pending, error.toString());
                            }
                        });
            } catch (RuntimeException e) {
                spill(pending, e.toString());
            }
        }
    }

    private void spill(Pending pending, String reason) {
        spilled.increment();
        LOG.debugf("spilling event %s to the outbox: %s", pending.eventId(), reason);
        outbox.appendCommitted(pending.topic(), pending.eventId(), pending.key(), pending.json(), pending.time())
                .subscribe()
                .with(
                        stored -> {},
                        failure -> LOG.errorf(
                                "event %s could neither be produced nor stored: %s", pending.eventId(), failure));
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            drainer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var left = new ArrayList<Pending>();
        queue.drainTo(left);
        left.forEach(pending -> spill(pending, "shutting down"));
        producer.close(Duration.ofSeconds(5));
    }

    private record Pending(String topic, String eventId, String key, String json, Instant time) {}
}
