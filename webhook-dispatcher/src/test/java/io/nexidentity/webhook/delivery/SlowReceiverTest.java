package io.nexidentity.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;

/**
 * A tenant's receiver cannot hold the dispatcher: one that answers 200 and then drips its body forever has its attempt
 * cut off at the deadline (2 s in tests) and its connection closed; one that answers with a huge body has only the
 * part the history keeps read, and its connection closed; a NUL in an answer (which the history's text column refuses)
 * cannot keep the attempt, and the other attempts recorded with it, out of the history.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service"))
class SlowReceiverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @Test
    void deliverWhenReceiverDripsAnEndlessBodyThenAttemptEndsAtTheDeadlineAndConnectionIsClosed() throws Exception {
        try (var receiver = new RawReceiver(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            var deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                out.write('x');
                out.flush();
                Thread.sleep(50);
            }
        })) {
            var attempt = deliverTo(receiver);

            assertThat(attempt.getInt("status_code")).isEqualTo(200);
            assertThat(attempt.getString("response_body")).startsWith("xx");
            await().atMost(PATIENCE).untilTrue(receiver.closedByPeer);
        }
    }

    @Test
    void deliverWhenReceiverAnswersAHugeBodyThenOnlyTheKeptPartIsReadAndConnectionIsClosed() throws Exception {
        try (var receiver = new RawReceiver(out -> {
            out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 67108864\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            var chunk = "y".repeat(65536).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1024; i++) {
                out.write(chunk);
            }
            out.flush();
        })) {
            var attempt = deliverTo(receiver);

            assertThat(attempt.getInt("status_code")).isEqualTo(500);
            assertThat(attempt.getString("response_body")).hasSize(WebhookSender.BODY_KEPT);
            await().atMost(PATIENCE).untilTrue(receiver.closedByPeer);
        }
    }

    @Test
    void deliverWhenReceiverAnswersWithANulInItsBodyThenTheAttemptIsStillRecorded() throws Exception {
        try (var receiver = new RawReceiver(
                out -> out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nab\0cd"
                        .getBytes(StandardCharsets.US_ASCII)))) {
            var attempt = deliverTo(receiver);

            assertThat(attempt.getInt("status_code")).isEqualTo(200);
            assertThat(attempt.getString("response_body")).isEqualTo("ab\uFFFDcd");
        }
    }

    /** Registers an endpoint at the receiver, publishes an event for it, and returns the first recorded attempt. */
    private static JsonPath deliverTo(RawReceiver receiver) {
        var tenant = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        receiver.url(),
                        "event_types",
                        List.of("nexid.client.*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201);
        var eventId = UUID.randomUUID().toString();
        EventLog.produce(
                Topic.CLIENT, tenant.tenantId().toString(), """
                {"specversion":"1.0","id":"%s","source":"/nexid/test","type":"nexid.client.updated.v1",\
                "subject":"nxc-test","time":"%s","tenantid":"%s","data":{}}""".formatted(eventId, Instant.now(), tenant.tenantId()));
        var delivery = await().atMost(PATIENCE)
                .until(
                        () -> tenant.admin()
                                .get("/v1/webhook-deliveries?event_id=" + eventId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        deliveries -> !deliveries.getList("status").isEmpty()
                                && !List.of("pending", "in_flight").contains(deliveries.getString("[0].status")));
        return tenant.admin()
                .get("/v1/webhook-deliveries/" + delivery.getString("[0].delivery_id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("attempt_history[0]");
    }

    /** A receiver on loopback speaking raw HTTP/1.1 as told; notices when the dispatcher closes the connection. */
    private static final class RawReceiver implements AutoCloseable {

        interface Answer {
            void write(OutputStream out) throws IOException, InterruptedException;
        }

        private final ServerSocket server;
        private final Thread thread;
        final AtomicBoolean closedByPeer = new AtomicBoolean();

        RawReceiver(Answer answer) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (var socket = server.accept()) {
                    var in = socket.getInputStream();
                    in.read(new byte[65536]);
                    answer.write(socket.getOutputStream());
                } catch (IOException e) {
                    closedByPeer.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        @Override
        public void close() throws IOException {
            thread.interrupt();
            server.close();
        }
    }
}
