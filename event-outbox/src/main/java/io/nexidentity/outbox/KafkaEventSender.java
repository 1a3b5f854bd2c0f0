package io.nexidentity.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends relayed events to Kafka with an idempotent producer and reports when every record is acknowledged. */
@ApplicationScoped
public class KafkaEventSender {

    /** The producer's {@code send} may block on metadata while Kafka is away; that must never be an event loop. */
    private final ExecutorService sendThread = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "outbox-kafka-sender");
        thread.setDaemon(true);
        return thread;
    });

    private final KafkaProducer<String, String> producer;

    KafkaEventSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OutboxConfig config) {
        var properties = KafkaProducerProperties.of(
                kafkaConfig, "outbox-relay-" + config.source().replaceAll("[^A-Za-z0-9-]", ""));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        long deliveryTimeout = config.deliveryTimeout().toMillis();
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10_000, deliveryTimeout - 10));
        this.producer = new KafkaProducer<>(properties);
    }

    /** Completes when Kafka has acknowledged every record, or fails with the first error. */
    public CompletionStage<Void> send(List<RelayedEvent> events) {
        return CompletableFuture.supplyAsync(
                        () -> events.stream().map(this::send).toList(), sendThread)
                .thenCompose(acks -> CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }

    private CompletableFuture<Void> send(RelayedEvent event) {
        var ack = new CompletableFuture<Void>();
        producer.send(new ProducerRecord<>(event.topic(), event.key(), event.payload()), (metadata, error) -> {
            if (error != null) {
                ack.completeExceptionally(error);
            } else {
                ack.complete(null);
            }
        });
        return ack;
    }

    @PreDestroy
    void close() {
        sendThread.shutdown();
        producer.close(Duration.ofSeconds(5));
    }

    /** One outbox row on its way to Kafka. */
    public record RelayedEvent(long seq, String topic, String key, String payload) {}
}
