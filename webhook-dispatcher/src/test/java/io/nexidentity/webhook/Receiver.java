package io.nexidentity.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP receiver on loopback: each path answers as told, and every request it gets is kept. */
public final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> answers = new ConcurrentHashMap<>();
    private final Map<String, String> retryAfter = new ConcurrentHashMap<>();

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(new Received(
                            Instant.now(),
                            headers.getFirst("webhook-id"),
                            headers.getFirst("webhook-timestamp"),
                            headers.getFirst("webhook-signature"),
                            headers.getFirst("Content-Type"),
                            body));
            int status = answers.getOrDefault(path, () -> 200).getAsInt();
            if (retryAfter.containsKey(path)) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter.get(path));
            }
            var answer = ("{\"received\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(String path, IntSupplier status) {
        answers.put(path, status);
    }

    public void retryAfter(String path, String value) {
        retryAfter.put(path, value);
    }

    public List<Received> received(String path) {
        return received.getOrDefault(path, List.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public record Received(
            Instant at, String id, String timestamp, String signature, String contentType, String body) {}
}
