package io.nexidentity.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.nexidentity.events.EventType;

/**
 * Events of hot request paths (a token issued, a sign-in). {@link #publish} enqueues the event and answers once it is
 * durable: acknowledged by Kafka ({@code acks=all}), or — whatever Kafka cannot take (broker down, queue full,
 * shutdown) — committed to the outbox, which the relay delivers later. A request answers only after that, so nothing a
 * caller was told (a token, a sign-in) lacks its event, even if the process is killed the next moment. A background
 * thread produces, so a request thread never blocks on Kafka; requests wait together for batches of a few
 * milliseconds.
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
    private final long pauseNanos;
    private volatile long kafkaPausedUntil = System.nanoTime();
    private volatile boolean running = true;

    HotPathEvents(
            OutboxWriter outbox,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OutboxConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.pauseNanos = config.hotPathPause().toNanos();
        var properties = KafkaProducerProperties.of(kafkaConfig, "hot-path-events");
        // Requests wait for their batch; events batch up behind the produce requests in flight anyway.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, config.hotPathLinger().toMillis());
        var deliveryTimeout = (int) config.hotPathDeliveryTimeout().toMillis();
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        properties.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                deliveryTimeout - (int) config.hotPathLinger().toMillis());
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

    /**
     * Queues an event at once (whether or not the answer is awaited) without blocking; the answer completes on the
     * caller's Vert.x context when the event is durable, and fails only if neither Kafka nor the outbox took it.
     */
    public <P> Uni<Void> publish(EventType<P> type, String subject, String tenantId, P payload) {
        var event = outbox.event(type, subject, tenantId, payload);
        var pending = new Pending(
                type.topic().topicName(),
                event.id(),
                event.partitionKey(),
                outbox.serialize(event),
                event.time(),
                new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            // Stopping, the queue is no longer drained.
            spill(pending, running ? "queue full" : "shutting down");
        }
        var durable = Uni.createFrom().completionStage(pending.durable());
        var context = Vertx.currentContext();
        return context == null ? durable : durable.emitOn(task -> context.runOnContext(ignored -> task.run()));
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
            if (System.nanoTime() - kafkaPausedUntil < 0) {
                spill(pending, "Kafka failed a moment ago");
                continue;
            }
            try {
                producer.send(
                        new ProducerRecord<>(pending.topic(), pending.key(), pending.json()), (metadata, error) -> {
                            if (error == null) {
                                produced.increment();
                                pending.durable().complete(null);
                            } else {
                                kafkaPausedUntil = System.nanoTime() + pauseNanos;
                                spill(pending, error.toString());
                            }
                        });
            } catch (RuntimeException e) {
                kafkaPausedUntil = System.nanoTime() + pauseNanos;
                spill(pending, e.toString());
            }
        }
    }

    private void spill(Pending pending, String reason) {
        spilled.increment();
        LOG.debugf("spilling event %s to the outbox: %s", pending.eventId(), reason);
        outbox.appendCommitted(pending.topic(), pending.eventId(), pending.key(), pending.json(), pending.time())
                .subscribe()
                .with(stored -> pending.durable().complete(null), failure -> {
                    LOG.errorf("event %s could neither be produced nor stored: %s", pending.eventId(), failure);
                    pending.durable().completeExceptionally(failure);
                });
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

    private record Pending(
            String topic, String eventId, String key, String json, Instant time, CompletableFuture<Void> durable) {}
}
