package io.nexidentity.quickstart;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tenant's webhook receiver on loopback: every delivery is verified with the official Standard Webhooks library
 * (signature over id, timestamp and body; timestamp tolerance) before it is accepted; a forged or altered one gets 401.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final CompletableFuture<Webhook> verifier = new CompletableFuture<>();
    /** Verified deliveries by webhook-id (a retried delivery counts once), with their event type. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    private int rejected;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    /** The endpoint's {@code whsec_} secret, shown once when it was registered. */
    void trust(String secret) {
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

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
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
            verified.put(
                    headers.get("webhook-id").get(0),
                    JSON.readTree(body).path("type").asText());
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
