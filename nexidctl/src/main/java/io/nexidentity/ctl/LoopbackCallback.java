package io.nexidentity.ctl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where the browser brings the authorization response back (RFC 8252 7.3): a port of 127.0.0.1 opened for this one
 * sign-in, taking the first answer to {@code /callback} that carries this sign-in's {@code state}; anything else (a web
 * page probing loopback ports, say) is refused and changes nothing.
 */
final class LoopbackCallback implements AutoCloseable {

    private static final String PATH = "/callback";

    private final HttpServer server;
    private final String state;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();

    private LoopbackCallback(HttpServer server, String state) {
        this.server = server;
        this.state = state;
    }

    static LoopbackCallback open(String state) {
        try {
            // the IPv4 loopback, as the redirect URI names it, whatever address family the JVM prefers
            var address = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            var server = HttpServer.create(new InetSocketAddress(address, 0), 0);
            var callback = new LoopbackCallback(server, state);
            server.createContext(PATH, callback::receive);
            server.start();
            return callback;
        } catch (IOException e) {
            throw new CtlException("cannot open a loopback port for the sign-in: " + e.getMessage());
        }
    }

    String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The authorization response's parameters, once the browser brought them. */
    Map<String, String> await(Duration timeout) {
        try {
            return answer.get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CtlException("no answer from the browser within " + timeout.toMinutes() + " minutes");
        } catch (ExecutionException e) {
            throw new CtlException("the sign-in failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted");
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        var query = query(exchange.getRequestURI().getRawQuery());
        var first = PATH.equals(exchange.getRequestURI().getRawPath())
                && state.equals(query.get("state"))
                && answered.compareAndSet(false, true);
        var page = (first
                        ? "<p>nexidctl got the answer: you can close this tab and return to the terminal.</p>"
                        : "<p>This sign-in is already over.</p>")
                .getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(first ? 200 : 400, page.length);
            try (var body = exchange.getResponseBody()) {
                body.write(page);
            }
        } finally {
            // only once the browser has its page: nexidctl closes this port as soon as it has the answer
            if (first) {
                answer.complete(query);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        var parameters = new HashMap<String, String>();
        if (raw != null) {
            for (var pair : raw.split("&")) {
                var parts = pair.split("=", 2);
                parameters.putIfAbsent(
                        URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
