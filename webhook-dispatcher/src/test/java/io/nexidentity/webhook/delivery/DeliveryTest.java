package io.nexidentity.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.webhook.Receiver;
import io.nexidentity.webhook.StandardWebhooksVerifier;

/**
 * Deliveries of real events (caused at the real tenant-service) to a real receiver on loopback: Standard Webhooks
 * signatures checked by an independent implementation, retries on the shortened test schedule, Retry-After,
 * disabling of a failing endpoint, and every replay mode.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service"))
class DeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "mp.messaging.incoming.webhook-events.group.id")
    String fanOutGroup;

    private static final Receiver RECEIVER = new Receiver();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void deliverWhenSubscribedThenSignedCloudEventThatAnIndependentVerifierAccepts() {
        var tenant = tenant();
        var endpoint = endpoint(tenant, "/users", List.of("nexid.user.*"), "v1");
        var mark = EventLog.mark(Topic.TENANT);

        tenant.createUser("dora-" + UUID.randomUUID() + "@example.com");
        tenant.tenantAdmin()
                .body(Map.of("name", "Not subscribed"))
                .post("/v1/organizations")
                .then()
                .statusCode(201);

        await().atMost(PATIENCE).until(() -> RECEIVER.received("/users").size() >= 1);
        var received = RECEIVER.received("/users").get(0);
        var event = new JsonPath(received.body());
        assertThat(event.getString("type")).isEqualTo("nexid.user.created.v1");
        assertThat(event.getString("specversion")).isEqualTo("1.0");
        assertThat(event.getString("tenantid")).isEqualTo(tenant.tenantId().toString());
        assertThat(received.id()).isEqualTo(event.getString("id"));
        assertThat(received.contentType()).isEqualTo("application/json");
        assertThat(Math.abs(Long.parseLong(received.timestamp()) - Instant.now().getEpochSecond()))
                .isLessThan(60);
        assertThat(received.signature()).startsWith("v1,");
        assertThat(StandardWebhooksVerifier.verifiesHmac(
                        endpoint.getString("secret"),
                        received.id(),
                        received.timestamp(),
                        received.body(),
                        received.signature()))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verifiesHmac(
                        endpoint.getString("secret"),
                        received.id(),
                        received.timestamp(),
                        received.body() + " ",
                        received.signature()))
                .isFalse();
        mark.awaitConsumed(fanOutGroup);
        assertThat(deliveriesOf(tenant.tenantId(), "nexid.organization.created.v1"))
                .as("the fan-out has read the organization event and made no delivery of it")
                .isZero();
        tenant.admin()
                .get("/v1/webhook-deliveries?event_id=" + received.id())
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("succeeded"))
                .body("[0].attempts", equalTo(1));
    }

    @Test
    void deliverWhenEventOfAnotherOrganizationThenNotDeliveredToThisOrganizationsEndpoint() {
        var tenant = tenant();
        var own = organization(tenant, "Own");
        tenant.admin()
                .body(Map.of(
                        "organization_id",
                        own,
                        "url",
                        RECEIVER.url("/own-org"),
                        "event_types",
                        List.of("nexid.organization.*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201);

        var mark = EventLog.mark(Topic.TENANT);
        var other = organization(tenant, "Other");
        tenant.tenantAdmin()
                .post("/v1/organizations/" + own + "/suspend")
                .then()
                .statusCode(200);

        await().atMost(PATIENCE).until(() -> RECEIVER.received("/own-org").size() >= 1);
        mark.awaitConsumed(fanOutGroup);
        assertThat(deliveriesOf(tenant.tenantId(), "nexid.organization.created.v1"))
                .as("the other organization's event was read and not delivered to this organization's endpoint")
                .isZero();
        assertThat(RECEIVER.received("/own-org")).noneMatch(r -> r.body().contains(other));
        var event = new JsonPath(RECEIVER.received("/own-org").get(0).body());
        assertThat(event.getString("type")).isEqualTo("nexid.organization.suspended.v1");
        assertThat(event.getString("subject")).isEqualTo(own);
    }

    @Test
    void deliverWhenEd25519EndpointThenV1aSignatureVerifiesWithThePublicKey() {
        var tenant = tenant();
        var endpoint = endpoint(tenant, "/ed25519", List.of("nexid.user.created.v1"), "v1a");
        assertThat(endpoint.getString("public_key")).startsWith("whpk_");

        tenant.createUser("ed-" + UUID.randomUUID() + "@example.com");

        await().atMost(PATIENCE).until(() -> RECEIVER.received("/ed25519").size() >= 1);
        var received = RECEIVER.received("/ed25519").get(0);
        assertThat(StandardWebhooksVerifier.verifiesEd25519(
                        endpoint.getString("public_key"),
                        received.id(),
                        received.timestamp(),
                        received.body(),
                        received.signature()))
                .isTrue();
    }

    @Test
    void rotateWhenOverlapThenDeliveriesCarryBothSignatures() {
        var tenant = tenant();
        var endpoint = endpoint(tenant, "/rotation", List.of("nexid.user.created.v1"), "v1");
        var rotated = tenant.admin()
                .body(Map.of("previous_secret_valid_seconds", 3600))
                .post("/v1/webhook-endpoints/" + endpoint.getString("endpoint_id") + "/secret")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        tenant.createUser("rot-" + UUID.randomUUID() + "@example.com");

        await().atMost(PATIENCE).until(() -> RECEIVER.received("/rotation").size() >= 1);
        var received = RECEIVER.received("/rotation").get(0);
        assertThat(received.signature().split(" ")).hasSize(2);
        for (var secret : new String[] {endpoint.getString("secret"), rotated.getString("secret")}) {
            assertThat(StandardWebhooksVerifier.verifiesHmac(
                            secret, received.id(), received.timestamp(), received.body(), received.signature()))
                    .isTrue();
        }
    }

    @Test
    void retryWhenReceiverFailsThenBackoffUntilSuccessWithEveryAttemptRecorded() {
        var tenant = tenant();
        var failures = new AtomicInteger();
        RECEIVER.answer("/flaky", () -> failures.getAndIncrement() < 2 ? 503 : 200);
        endpoint(tenant, "/flaky", List.of("nexid.user.created.v1"), "v1");

        tenant.createUser("flaky-" + UUID.randomUUID() + "@example.com");

        await().atMost(PATIENCE).until(() -> RECEIVER.received("/flaky").size() >= 3);
        var times =
                RECEIVER.received("/flaky").stream().map(Receiver.Received::at).toList();
        assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThan(Duration.ofMillis(700));
        assertThat(Duration.between(times.get(1), times.get(2))).isGreaterThan(Duration.ofMillis(700));
        var eventId = RECEIVER.received("/flaky").get(0).id();
        var deliveryId = await().atMost(PATIENCE)
                .until(
                        () -> tenant.admin()
                                .get("/v1/webhook-deliveries?event_id=" + eventId)
                                .then()
                                .extract()
                                .jsonPath(),
                        json -> "succeeded".equals(json.getString("[0].status")))
                .getString("[0].delivery_id");
        var delivery = tenant.admin()
                .get("/v1/webhook-deliveries/" + deliveryId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(delivery.getList("attempt_history.status_code", Integer.class))
                .containsExactly(503, 503, 200);
        assertThat(delivery.getString("attempt_history[0].response_body")).isEqualTo("{\"received\":503}");
        assertThat(delivery.getString("attempt_history[0].url")).isEqualTo(RECEIVER.url("/flaky"));
    }

    @Test
    void measureWhenDeliveriesWaitForARetryThenTheBacklogGaugeCountsThemUntilDelivered() {
        var tenant = tenant();
        var failing = new AtomicBoolean(true);
        RECEIVER.answer("/backlog", () -> failing.get() ? 503 : 200);
        endpoint(tenant, "/backlog", List.of("nexid.user.created.v1"), "v1");

        tenant.createUser("backlog-" + UUID.randomUUID() + "@example.com");

        await().atMost(PATIENCE)
                .until(() -> waiting("retrying", "enabled") >= 1
                        && registry.get("nexid.webhook.deliveries.oldest.age")
                                        .tag("state", "retrying")
                                        .gauge()
                                        .value()
                                >= 1);
        failing.set(false);
        await().atMost(PATIENCE).until(() -> waiting("retrying", "enabled") == 0);
    }

    private double waiting(String state, String endpoint) {
        return registry.get("nexid.webhook.deliveries.waiting")
                .tag("state", state)
                .tag("endpoint", endpoint)
                .gauge()
                .value();
    }

    @Test
    void retryWhen429WithRetryAfterThenWaitsAsAsked() {
        var tenant = tenant();
        var calls = new AtomicInteger();
        RECEIVER.answer("/limited", () -> calls.getAndIncrement() == 0 ? 429 : 200);
        RECEIVER.retryAfter("/limited", "3");
        endpoint(tenant, "/limited", List.of("nexid.user.created.v1"), "v1");

        tenant.createUser("limited-" + UUID.randomUUID() + "@example.com");

        await().atMost(PATIENCE).until(() -> RECEIVER.received("/limited").size() >= 2);
        var times = RECEIVER.received("/limited").stream()
                .map(Receiver.Received::at)
                .toList();
        assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThan(Duration.ofMillis(2800));
    }

    @Test
    void disableWhenEndpointKeepsFailingThenDisabledAndAnnounced() {
        var tenant = tenant();
        RECEIVER.answer("/down", () -> 500);
        var endpoint = endpoint(tenant, "/down", List.of("nexid.user.created.v1"), "v1");
        var mark = EventLog.mark(Topic.WEBHOOK);

        tenant.createUser("down-" + UUID.randomUUID() + "@example.com");

        var disabled = mark.awaitType(tenant.tenantId(), "nexid.webhook.endpoint_disabled.v1");
        assertThat(disabled.get("subject").asText()).isEqualTo(endpoint.getString("endpoint_id"));
        tenant.admin()
                .get("/v1/webhook-endpoints/" + endpoint.getString("endpoint_id"))
                .then()
                .body("enabled", equalTo(false))
                .body("disabled_reason", org.hamcrest.Matchers.startsWith("failing for more than"));
    }

    @Test
    void replayWhenRequestedThenOneDeliveryFailedSinceAndWholeRangeDeliveredAgainSignedAfresh() {
        var tenant = tenant();
        var healthy = new java.util.concurrent.atomic.AtomicBoolean(false);
        RECEIVER.answer("/replay", () -> healthy.get() ? 200 : 500);
        var endpoint = endpoint(tenant, "/replay", List.of("nexid.user.created.v1"), "v1");
        var endpointId = endpoint.getString("endpoint_id");
        var since = Instant.now().minusSeconds(1);
        tenant.createUser("r1-" + UUID.randomUUID() + "@example.com");
        tenant.createUser("r2-" + UUID.randomUUID() + "@example.com");

        await().atMost(PATIENCE)
                .until(() -> tenant.admin()
                                .get("/v1/webhook-endpoints/" + endpointId + "/deliveries?status=failed")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("items")
                                .size()
                        == 2);
        healthy.set(true);
        tenant.admin()
                .body(Map.of("enabled", true))
                .patch("/v1/webhook-endpoints/" + endpointId)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true));
        var before = RECEIVER.received("/replay").size();

        var mark = EventLog.mark(Topic.WEBHOOK);
        tenant.admin()
                .body(Map.of("from", since.toString(), "failed_only", true))
                .post("/v1/webhook-endpoints/" + endpointId + "/replay")
                .then()
                .statusCode(200)
                .body("replayed", equalTo(2));
        await().atMost(PATIENCE).until(() -> RECEIVER.received("/replay").size() == before + 2);
        assertThat(mark.awaitType(tenant.tenantId(), "nexid.webhook.replay_requested.v1")
                        .get("data")
                        .get("mode")
                        .asText())
                .isEqualTo("failed_since");

        var original = tenant.admin()
                .get("/v1/webhook-endpoints/" + endpointId + "/deliveries?status=failed")
                .then()
                .extract()
                .jsonPath()
                .getString("items[0].delivery_id");
        var replayed = tenant.admin()
                .post("/v1/webhook-deliveries/" + original + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(replayed.getString("replay_of")).isEqualTo(original);
        await().atMost(PATIENCE).until(() -> RECEIVER.received("/replay").size() == before + 3);
        var again = tenant.admin()
                .post("/v1/webhook-deliveries/" + replayed.getString("delivery_id") + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(again.getString("replay_of")).isEqualTo(original);
        await().atMost(PATIENCE).until(() -> RECEIVER.received("/replay").size() == before + 4);
        var ofEvent = tenant.admin()
                .get("/v1/webhook-deliveries?event_id=" + replayed.getString("event_id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // The original, the replay of the failed ones above, and these two: oldest first.
        assertThat(ofEvent.getList("delivery_id", String.class))
                .hasSize(4)
                .startsWith(original)
                .endsWith(replayed.getString("delivery_id"), again.getString("delivery_id"));
        assertThat(ofEvent.getList("replay_of", String.class)).containsExactly(null, original, original, original);

        tenant.admin()
                .body(Map.of(
                        "from",
                        since.toString(),
                        "to",
                        Instant.now().plusSeconds(1).toString(),
                        "failed_only",
                        false))
                .post("/v1/webhook-endpoints/" + endpointId + "/replay")
                .then()
                .statusCode(200)
                .body("replayed", equalTo(2));
        await().atMost(PATIENCE).until(() -> RECEIVER.received("/replay").size() == before + 6);
        var all = RECEIVER.received("/replay");
        var last = all.get(all.size() - 1);
        assertThat(StandardWebhooksVerifier.verifiesHmac(
                        endpoint.getString("secret"), last.id(), last.timestamp(), last.body(), last.signature()))
                .isTrue();
    }

    @Test
    void deleteEndpointWhenItsEventWentToAnotherTooThenTheEventIsKeptUntilItsLastEndpointGoes() {
        var tenant = tenant();
        var first = endpoint(tenant, "/kept-first", List.of("nexid.user.created.v1"), "v1");
        var second = endpoint(tenant, "/kept-second", List.of("nexid.user.created.v1"), "v1");
        tenant.createUser("kept-" + UUID.randomUUID() + "@example.com");
        await().atMost(PATIENCE)
                .until(() -> RECEIVER.received("/kept-first").size() == 1
                        && RECEIVER.received("/kept-second").size() == 1);
        var sent = RECEIVER.received("/kept-second").get(0);

        tenant.admin()
                .delete("/v1/webhook-endpoints/" + first.getString("endpoint_id"))
                .then()
                .statusCode(204);
        var delivery = tenant.admin()
                .get("/v1/webhook-deliveries?event_id=" + sent.id())
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .extract()
                .<String>path("[0].delivery_id");
        tenant.admin()
                .post("/v1/webhook-deliveries/" + delivery + "/replay")
                .then()
                .statusCode(200);
        await().atMost(PATIENCE).until(() -> RECEIVER.received("/kept-second").size() == 2);
        assertThat(RECEIVER.received("/kept-second").get(1).body()).isEqualTo(sent.body());
        assertThat(storedEvents(tenant, sent.id())).isEqualTo(1);

        tenant.admin()
                .delete("/v1/webhook-endpoints/" + second.getString("endpoint_id"))
                .then()
                .statusCode(204);
        assertThat(storedEvents(tenant, sent.id())).isZero();
    }

    private long deliveriesOf(UUID tenantId, String eventType) {
        return pool.preparedQuery("select count(*) from webhook_delivery where tenant_id = $1 and event_type = $2")
                .execute(Tuple.of(tenantId, eventType))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private long storedEvents(TenantFixture tenant, String eventId) {
        return pool.preparedQuery("select count(*) from webhook_event where tenant_id = $1 and event_id = $2")
                .execute(Tuple.of(tenant.tenantId(), eventId))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    static TenantFixture tenant() {
        return TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
    }

    static String organization(TenantFixture tenant, String name) {
        return tenant.tenantAdmin()
                .body(Map.of("name", name + " " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/v1/organizations")
                .then()
                .statusCode(201)
                .extract()
                .path("organization_id");
    }

    static JsonPath endpoint(TenantFixture tenant, String path, List<String> types, String scheme) {
        return tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        RECEIVER.url(path),
                        "event_types",
                        types,
                        "signature_scheme",
                        scheme))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }
}
