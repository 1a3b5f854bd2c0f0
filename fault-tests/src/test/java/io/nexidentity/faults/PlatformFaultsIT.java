package io.nexidentity.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.nexidentity.quickstart.PlatformApi;

/**
 * The platform under load while its infrastructure fails, checked from outside as an auditor would: every token and
 * sign-in answered during the fault is in the audit store exactly once and delivered exactly once to the subscribed
 * webhook receiver (counted by webhook-id), and every service recovers by itself. Kills of the token-service and the
 * webhook-dispatcher under load are their modules' {@code CrashIT} and {@code DispatcherCrashIT}.
 */
class PlatformFaultsIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FaultPlatform platform;

    private TenantTraffic traffic;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = FaultPlatform.start();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @AfterEach
    void stopTraffic(TestInfo test) throws Exception {
        if (traffic != null) {
            traffic.close();
            System.out.println(test.getDisplayName() + ": " + traffic.summary());
        }
    }

    @Test
    void killKafkaWhenUnderTokenAndSignInLoadThenNoRequestFailsAndEveryEventIsAuditedAndDeliveredOnce()
            throws Exception {
        traffic = TenantTraffic.register(platform);
        traffic.start(2, Duration.ofMillis(20), true);
        Thread.sleep(5_000);

        var spilledBefore = metric("token-service", "nexid_hot_path_events_spilled_total", "");
        platform.kafka().kill();
        try {
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            platform.kafka().startBroker();
        }
        Thread.sleep(5_000);
        traffic.stop();

        assertThat(traffic.failures()).isEmpty();
        assertThat(traffic.signIns()).isPositive();
        assertThat(metric("token-service", "nexid_hot_path_events_spilled_total", ""))
                .as("events written to the outbox while Kafka was away")
                .isGreaterThan(spilledBefore);
        assertEveryAnswerAuditedAndDeliveredOnce();
        assertThat(traffic.deliveredTwice()).isEmpty();
    }

    @Test
    void restartPostgresWhenUnderTokenLoadThenServicesReportNotReadyAndResumeByThemselvesLosingNothing()
            throws Exception {
        traffic = TenantTraffic.register(platform);
        traffic.start(2, Duration.ofMillis(20), false);
        Thread.sleep(3_000);

        platform.postgres().stopServer();
        var stopped = Instant.now();
        try {
            await().atMost(OUTAGE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            FaultPlatform.SERVICES.stream().noneMatch(service -> platform.readiness(service) == 200));
            Thread.sleep(Math.max(
                    0,
                    OUTAGE.toMillis() - Duration.between(stopped, Instant.now()).toMillis()));
        } finally {
            platform.postgres().startServer();
        }

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(platform::allReady);
        assertThat(platform.allAlive()).isTrue();
        Thread.sleep(3_000);
        traffic.stop();

        assertThat(traffic.failures()).isEmpty();
        assertThat(metric("audit-service", "nexid_consumer_retries_total", "consumer=\"audit-ingestion\""))
                .isPositive();
        // An attempt whose answer could not be recorded while the database was away may be sent again, under the
        // same webhook-id (at least once, as Standard Webhooks receivers expect); no event gets a second id.
        assertEveryAnswerAuditedAndDeliveredOnce();
        var afterwards = traffic.oneMachineToken();
        await().atMost(CATCH_UP)
                .until(() -> traffic.audited(TenantTraffic.TOKEN_ISSUED).containsKey(afterwards));
    }

    @Test
    void takeWebhookReceiverDownThenDeliveriesAreRetriedOnScheduleAndARangeReplayDeliversThemAgainSignedAfresh()
            throws Exception {
        traffic = TenantTraffic.register(platform);
        var receiver = traffic.receiver();
        var from = Instant.now();
        receiver.down(true);
        for (int i = 0; i < 20; i++) {
            traffic.oneMachineToken();
        }
        await().atMost(CATCH_UP)
                .until(() -> deliveries().stream()
                                .allMatch(delivery -> delivery.get("attempts").asInt() >= 2)
                        && deliveries().size() == 20);
        receiver.down(false);

        await().atMost(CATCH_UP)
                .until(() ->
                        traffic.delivered(TenantTraffic.TOKEN_ISSUED).keySet().equals(traffic.issued()));
        // The dispatcher records an attempt's answer after the receiver has it: wait until the history says so.
        await().atMost(CATCH_UP)
                .until(() -> deliveries().stream()
                        .allMatch(delivery ->
                                "succeeded".equals(delivery.get("status").asText())));
        var history = deliveries();
        assertThat(history)
                .hasSize(20)
                .allMatch(delivery -> "succeeded".equals(delivery.get("status").asText()));
        for (var delivery : history) {
            assertRetriedOnSchedule(delivery.get("delivery_id").asText());
        }
        assertThat(traffic.deliveredTwice()).isEmpty();

        var replayedAt = Instant.now().getEpochSecond();
        var replay = post(
                platform.url("webhook-dispatcher") + "/v1/webhook-endpoints/" + traffic.endpointId() + "/replay",
                """
                {"from":"%s","to":"%s","failed_only":false}""".formatted(from, Instant.now()));
        assertThat(replay.get("replayed").asInt()).isEqualTo(20);
        await().atMost(CATCH_UP).until(() -> traffic.deliveredTwice().size() == 20);
        for (var receipts : receiver.receipts().values()) {
            assertThat(receipts).hasSize(2);
            assertThat(receipts.get(0).timestamp()).isLessThanOrEqualTo(replayedAt);
            assertThat(receipts.get(1).timestamp()).as("signed when replayed").isGreaterThanOrEqualTo(replayedAt);
        }
    }

    /**
     * Every token answered is audited exactly once (its {@code nexid.token.issued.v1} event, by token id) and
     * delivered under exactly one webhook-id; so is every sign-in.
     */
    private void assertEveryAnswerAuditedAndDeliveredOnce() throws Exception {
        var issued = traffic.issued();
        assertThat(issued).isNotEmpty();
        await().atMost(CATCH_UP)
                .pollInterval(Duration.ofSeconds(2))
                .until(() ->
                        traffic.audited(TenantTraffic.TOKEN_ISSUED).keySet().containsAll(issued)
                                && traffic.delivered(TenantTraffic.TOKEN_ISSUED)
                                        .keySet()
                                        .containsAll(issued)
                                && signInsAudited() >= traffic.signIns()
                                && signInsDelivered() >= traffic.signIns());
        assertThat(onlyOnce(traffic.audited(TenantTraffic.TOKEN_ISSUED), issued))
                .isEqualTo(ones(issued));
        assertThat(onlyOnce(traffic.delivered(TenantTraffic.TOKEN_ISSUED), issued))
                .isEqualTo(ones(issued));
        assertThat(signInsAudited()).isEqualTo(traffic.signIns());
        assertThat(signInsDelivered()).isEqualTo(traffic.signIns());
    }

    private int signInsAudited() throws Exception {
        return traffic.audited(TenantTraffic.SIGNED_IN).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    private int signInsDelivered() {
        return traffic.delivered(TenantTraffic.SIGNED_IN).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    private static Map<String, Integer> onlyOnce(Map<String, Integer> counts, Set<String> ids) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> counts.getOrDefault(id, 0)));
    }

    private static Map<String, Integer> ones(Set<String> ids) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1));
    }

    /** Each attempt after a failed one came no earlier than the schedule says (less its 20% jitter). */
    private void assertRetriedOnSchedule(String deliveryId) throws Exception {
        var attempts = PlatformApi.get(
                        platform.url("webhook-dispatcher") + "/v1/webhook-deliveries/" + deliveryId,
                        traffic.tenant().adminToken())
                .get("attempt_history");
        assertThat(attempts.size()).isGreaterThanOrEqualTo(2);
        for (int i = 1; i < attempts.size(); i++) {
            var previous = Instant.parse(attempts.get(i - 1).get("attempted_at").asText());
            var next = Instant.parse(attempts.get(i).get("attempted_at").asText());
            var scheduled = FaultPlatform.RETRY_SCHEDULE.get(i - 1);
            assertThat(Duration.between(previous, next))
                    .as("attempt %d of delivery %s", i + 1, deliveryId)
                    .isGreaterThanOrEqualTo(scheduled.multipliedBy(8).dividedBy(10));
            assertThat(attempts.get(i - 1).get("status_code").asInt()).isEqualTo(503);
        }
    }

    private java.util.List<JsonNode> deliveries() throws Exception {
        var page = PlatformApi.get(
                platform.url("webhook-dispatcher") + "/v1/webhook-endpoints/" + traffic.endpointId()
                        + "/deliveries?limit=200",
                traffic.tenant().adminToken());
        var list = new java.util.ArrayList<JsonNode>();
        page.get("items").forEach(list::add);
        return list;
    }

    private JsonNode post(String url, String body) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + traffic.tenant().adminToken())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The sum of a metric's series served by {@code service} on /q/metrics whose labels contain {@code label}. */
    private static double metric(String service, String name, String label) throws Exception {
        var metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(platform.url(service) + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
