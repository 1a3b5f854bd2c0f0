package io.nexidentity.quickstart;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a tenant's audit trail once the audit-service has stored what the quickstart did. While the trail is
 * incomplete, the audit-service's own progress says why: its consumer group's committed offsets against the topics'
 * ends as they were when the quickstart's last step returned. The wait says how far behind it is, and gives up only
 * when the audit-service stops making progress (or has caught up and the events are still missing), saying which.
 */
final class AuditTrail implements AutoCloseable {

    private static final String GROUP = "audit-service.ingestion";
    private static final List<String> TOPICS = List.of(
            "nexid.tenant.v1",
            "nexid.application.v1",
            "nexid.client.v1",
            "nexid.auth.v1",
            "nexid.webhook.v1",
            "nexid.security.v1");
    private static final Duration STALLED = Duration.ofSeconds(30);

    private final Admin kafka;
    private final String audit;

    AuditTrail(String kafkaBootstrap, String audit) {
        this.kafka = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        this.audit = audit;
    }

    /**
     * The tenant's events (of one organization, when given), once every event produced so far is stored and
     * {@code complete} holds for them.
     */
    List<JsonNode> events(String adminToken, String organizationId, Predicate<List<JsonNode>> complete)
            throws Exception {
        var marks = ends();
        var lastProgress = Instant.now();
        var behind = Long.MAX_VALUE;
        while (true) {
            var events = read(adminToken, organizationId);
            if (complete.test(events)) {
                return events;
            }
            var lag = lag(marks);
            if (lag < behind) {
                behind = lag;
                lastProgress = Instant.now();
                if (lag > 0) {
                    System.out.printf("    … the audit-service is %,d events behind; waiting for it%n", lag);
                }
            } else if (Duration.between(lastProgress, Instant.now()).compareTo(STALLED) > 0) {
                throw new IllegalStateException(
                        lag > 0
                                ? "the audit-service made no progress in " + STALLED.toSeconds() + " s (" + lag
                                        + " events behind): see ./nexid logs audit-service"
                                : "the audit-service has stored every event, but the trail lacks what the quickstart did: "
                                        + byCategory(events));
            }
            Thread.sleep(lag == 0 ? 100 : 500);
        }
    }

    static Map<String, Long> byCategory(List<JsonNode> events) {
        return events.stream()
                .collect(Collectors.groupingBy(
                        event -> event.get("category").asText(), TreeMap::new, Collectors.counting()));
    }

    private List<JsonNode> read(String adminToken, String organizationId) throws Exception {
        var events = new ArrayList<JsonNode>();
        var url = audit + "/v1/audit-events?limit=500"
                + (organizationId == null ? "" : "&organization_id=" + organizationId);
        String cursor = null;
        do {
            var page = PlatformApi.get(url + (cursor == null ? "" : "&cursor=" + cursor), adminToken);
            page.get("items").forEach(events::add);
            var next = page.path("next_cursor");
            cursor = next.isMissingNode() || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return events;
    }

    private Map<TopicPartition, Long> ends() throws Exception {
        var partitions = new HashSet<TopicPartition>();
        kafka.describeTopics(TOPICS)
                .allTopicNames()
                .get()
                .values()
                .forEach(topic -> topic.partitions()
                        .forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition()))));
        var latest =
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        var ends = new TreeMap<TopicPartition, Long>((a, b) -> a.toString().compareTo(b.toString()));
        kafka.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** How many of the events up to {@code marks} the audit-service has not committed yet. */
    private long lag(Map<TopicPartition, Long> marks) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        long lag = 0;
        for (var mark : marks.entrySet()) {
            var done = committed.get(mark.getKey());
            lag += Math.max(0, mark.getValue() - (done == null ? 0 : done.offset()));
        }
        return lag;
    }

    @Override
    public void close() {
        kafka.close(Duration.ofSeconds(2));
    }
}
