package io.nexidentity.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Two instances of the packaged webhook-dispatcher on one database and one Kafka: both read every event, yet each
 * event reaches the endpoint once — the delivery is stored once per endpoint and event, and claimed by one instance.
 */
class TwoDispatchersIT {

    private static final PlatformTestStack STACK = new PlatformTestStack();
    private static final Receiver RECEIVER = new Receiver();
    private static final int EVENTS = 100;

    @BeforeAll
    static void startTwoInstances() {
        STACK.init(Map.of("services", "tenant-service"));
        STACK.start();
        STACK.launchModuleInstance(PlatformTestStack.serviceUnderTestPort());
        STACK.launchModuleInstance(PlatformTestStack.freePort(), "quarkus.flyway.clean-at-start=false");
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
    void deliverWhenTwoDispatchersReadEveryEventThenEachEventReachesTheEndpointOnce() {
        var tenant = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        RECEIVER.url("/twice"),
                        "event_types",
                        List.of("nexid.client.*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201);

        for (int i = 0; i < EVENTS; i++) {
            EventLog.produce(Topic.CLIENT, tenant.tenantId().toString(), """
                    {"specversion":"1.0","id":"%s","source":"/nexid/test","type":"nexid.client.updated.v1",\
                    "subject":"nxc-test","time":"%s","tenantid":"%s","data":{}}""".formatted(
                            UUID.randomUUID(), Instant.now(), tenant.tenantId()));
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> RECEIVER.received("/twice").size() >= EVENTS);
        var ids = new HashSet<String>();
        RECEIVER.received("/twice").forEach(received -> ids.add(received.id()));
        assertThat(ids).hasSize(EVENTS);
        // Every delivery settled after one attempt: no instance has a send of it left to make.
        for (var received : RECEIVER.received("/twice")) {
            tenant.admin()
                    .get("/v1/webhook-deliveries?event_id=" + received.id())
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].status", equalTo("succeeded"))
                    .body("[0].attempts", equalTo(1));
        }
        assertThat(RECEIVER.received("/twice")).hasSize(EVENTS);
    }
}
