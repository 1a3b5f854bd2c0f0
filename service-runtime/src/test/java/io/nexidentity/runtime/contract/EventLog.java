package io.nexidentity.runtime.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.nexidentity.events.Topic;

/**
 * Reads what a test's actions published, straight from the real topic: {@link #mark} remembers the end of every
 * partition before the action, {@link Mark#await} reads from there until the expected events have arrived.
 */
public final class EventLog {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private EventLog() {}

    public static Mark mark(Topic topic) {
        try (var consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return new Mark(new HashMap<>(consumer.endOffsets(partitions)));
        }
    }

    /** Events published since a mark. */
    public record Mark(Map<TopicPartition, Long> offsets) {

        /** Waits until events matching {@code wanted} reach {@code count}; returns all events of the tenant seen. */
        public List<JsonNode> await(UUID tenantId, Predicate<JsonNode> wanted, int count) {
            var seen = new ArrayList<JsonNode>();
            var deadline = Instant.now().plus(PATIENCE);
            try (var consumer = consumer()) {
                consumer.assign(offsets.keySet());
                offsets.forEach(consumer::seek);
                while (seen.stream().filter(wanted).count() < count) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new AssertionError("expected " + count + " matching events of tenant " + tenantId
                                + " within " + PATIENCE + ", saw " + seen);
                    }
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        var event = parse(record.value());
                        if (tenantId.toString().equals(event.path("tenantid").asText())) {
                            seen.add(event);
                        }
                    }
                }
            }
            return seen;
        }

        /**
         * Waits until consumer group {@code groupId} has committed every record published since the mark (and before
         * this call): the positive signal that a consumer has handled, or skipped, those events, after which an
         * absence of effect means something.
         */
        public void awaitConsumed(String groupId) {
            try (var consumer = consumer();
                    var admin = Admin.create(
                            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                var end = consumer.endOffsets(offsets.keySet());
                var deadline = Instant.now().plus(PATIENCE);
                while (true) {
                    var committed = admin.listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
                    var behind = end.entrySet().stream()
                            .filter(partition -> partition.getValue() > offsets.get(partition.getKey()))
                            .filter(partition -> committed.get(partition.getKey()) == null
                                    || committed.get(partition.getKey()).offset() < partition.getValue())
                            .map(Map.Entry::getKey)
                            .toList();
                    if (behind.isEmpty()) {
                        return;
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new AssertionError(groupId + " has not consumed " + behind + " within " + PATIENCE);
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("cannot read the offsets of " + groupId, e);
            }
        }

        /**
         * Waits until events of {@code type} of the tenant have named every one of {@code subjects}, or the patience
         * ends; returns the subjects seen (so a test can say which are missing).
         */
        public Set<String> awaitSubjects(UUID tenantId, String type, Set<String> subjects) {
            var seen = new HashSet<String>();
            var deadline = Instant.now().plus(PATIENCE);
            try (var consumer = consumer()) {
                consumer.assign(offsets.keySet());
                offsets.forEach(consumer::seek);
                while (!seen.containsAll(subjects) && Instant.now().isBefore(deadline)) {
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        var event = parse(record.value());
                        if (tenantId.toString().equals(event.path("tenantid").asText())
                                && type.equals(event.path("type").asText())) {
                            seen.add(event.path("subject").asText());
                        }
                    }
                }
            }
            return seen;
        }

        /** Waits for one event of {@code type} of the tenant and returns it. */
        public JsonNode awaitType(UUID tenantId, String type) {
            return await(tenantId, ofType(type), 1).stream()
                    .filter(ofType(type))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Publishes a record as a producing service would: for consumers under test. */
    public static void produce(Topic topic, String key, String json) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic.topicName(), key, json)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic.topicName(), e);
        }
    }

    public static Predicate<JsonNode> ofType(String type) {
        return event -> type.equals(event.path("type").asText());
    }

    private static JsonNode parse(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("not a JSON event: " + value, e);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
    }

    private static String bootstrapServers() {
        return System.getenv().getOrDefault("NEXID_TEST_KAFKA", "127.0.0.1:19092");
    }
}
