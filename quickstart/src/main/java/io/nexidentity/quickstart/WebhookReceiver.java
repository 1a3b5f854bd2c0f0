package io.nexidentity.quickstart;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tenant's webhook receiver on loopback: every delivery is verified with the official Standard Webhooks library
 * (signature over id, timestamp and body; timestamp tolerance) before it is accepted; a forged or altered one gets 401.
 * It can be taken {@link #down down} (503 to every delivery) to play a receiver's outage.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final CompletableFuture<Webhook> verifier = new CompletableFuture<>();
    /** Verified deliveries by webhook-id (a retried delivery counts once), with their event type. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    /** Every verified receipt, by webhook-id. */
    private final Map<String, List<Receipt>> receipts = new ConcurrentHashMap<>();

    private int rejected;
    private volatile boolean down;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", this::receive);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    /** The endpoint's {@code whsec_} secret, shown once when it was registered. */
    public void trust(String secret) {
        verifier.complete(new Webhook(secret));
    }

    /** Verified deliveries so far, counted by event type. */
    Map<String, Long> verifiedByType() {
        return verified.values().stream()
                .collect(Collectors.groupingBy(type -> type, TreeMap::new, Collectors.counting()));
    }

    synchronized int rejected() {
        return rejected;
    }

    /** While down, every delivery is answered 503 Service Unavailable. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Every delivery verified and accepted so far, by its webhook-id (retries and replays keep theirs). */
    public Map<String, List<Receipt>> receipts() {
        return Map.copyOf(receipts);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = new TreeMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            try {
                verifier.get(10, TimeUnit.SECONDS).verify(body, headers);
            } catch (Exception e) {
                synchronized (this) {
                    rejected++;
                }
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            var id = headers.get("webhook-id").get(0);
            var event = JSON.readTree(body);
            verified.put(id, event.path("type").asText());
            receipts.computeIfAbsent(id, first -> new CopyOnWriteArrayList<>())
                    .add(new Receipt(
                            event.path("type").asText(),
                            event.path("subject").asText(),
                            Long.parseLong(headers.get("webhook-timestamp").get(0)),
                            headers.get("webhook-signature").get(0),
                            Instant.now()));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** One verified delivery: its event's type and subject, its signing time and signature, when it arrived. */
    public record Receipt(String type, String subject, long timestamp, String signature, Instant receivedAt) {}

    @Override
    public void close() {
        server.stop(0);
    }
}
