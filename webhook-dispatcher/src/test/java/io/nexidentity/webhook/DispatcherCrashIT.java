package io.nexidentity.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;

/**
 * The packaged webhook-dispatcher killed with SIGKILL in the middle of delivering 300 events, then started again: every
 * event reaches the endpoint, each delivery ends succeeded, and a delivery sent again (it was in flight at the kill)
 * keeps its {@code webhook-id}, so the receiver can tell.
 */
class DispatcherCrashIT {

    private static final PlatformTestStack STACK = new PlatformTestStack();
    private static final Receiver RECEIVER = new Receiver();
    private static final int EVENTS = 300;
    // A short request timeout makes the lease of a delivery the killed instance held (three timeouts) run out soon.
    private static final String[] PROPERTIES = {"nexid.webhooks.request-timeout=2s"};
    private static Process instance;

    @BeforeAll
    static void start() {
        STACK.init(Map.of("services", "tenant-service"));
        STACK.start();
        instance = STACK.launchModuleInstance(PlatformTestStack.serviceUnderTestPort(), PROPERTIES);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = PlatformTestStack.serviceUnderTestPort();
    }

    @AfterAll
    static void stop() {
        STACK.stop();
        RECEIVER.close();
        RestAssured.reset();
    }

    @Test
    void killWhenDeliveringThenEveryEventArrivesAfterTheRestartUnderItsOwnWebhookId() throws Exception {
        var tenant = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        // A receiver taking 100 ms an answer: 300 deliveries take seconds, and the kill comes in the middle of them.
        RECEIVER.answer("/crash", () -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        RECEIVER.url("/crash"),
                        "event_types",
                        List.of("nexid.client.*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201);
        var events = new HashSet<String>();
        for (int i = 0; i < EVENTS; i++) {
            var id = UUID.randomUUID().toString();
            events.add(id);
            EventLog.produce(
                    Topic.CLIENT, tenant.tenantId().toString(), """
                    {"specversion":"1.0","id":"%s","source":"/nexid/test","type":"nexid.client.updated.v1",\
                    "subject":"nxc-test","time":"%s","tenantid":"%s","data":{}}""".formatted(id, Instant.now(), tenant.tenantId()));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ids().size() >= 10);
        instance.destroyForcibly();
        instance.waitFor();
        var beforeTheKill = Set.copyOf(ids());
        STACK.launchModuleInstance(
                PlatformTestStack.serviceUnderTestPort(), "quarkus.flyway.clean-at-start=false", PROPERTIES[0]);

        await().atMost(Duration.ofSeconds(120)).until(() -> ids().containsAll(events));
        assertThat(ids()).isEqualTo(events);
        assertThat(beforeTheKill).hasSizeLessThan(EVENTS);
        for (var event : events) {
            tenant.admin()
                    .get("/v1/webhook-deliveries?event_id=" + event)
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].status", equalTo("succeeded"));
        }
    }

    private static Set<String> ids() {
        var ids = new HashSet<String>();
        RECEIVER.received("/crash").forEach(received -> ids.add(received.id()));
        return ids;
    }
}
