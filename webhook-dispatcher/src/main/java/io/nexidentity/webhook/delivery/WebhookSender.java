package io.nexidentity.webhook.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;

import io.nexidentity.webhook.config.WebhookConfig;

/**
 * Sends one webhook attempt to an address already checked, and bounds what a receiver can make it cost: the whole
 * attempt, from connecting to the end of the answer, has a hard deadline ({@code request-timeout}; a receiver that
 * answers and then drips its body forever is cut off), and only the first {@value #BODY_KEPT} bytes of the answer are
 * read (what the delivery history keeps) before the connection is closed.
 */
@ApplicationScoped
public class WebhookSender {

    static final int BODY_KEPT = 4096;

    private final Vertx vertx;
    private final HttpClient client;
    private final long deadlineMillis;

    WebhookSender(Vertx vertx, WebhookConfig config) {
        this.vertx = vertx;
        this.deadlineMillis = config.requestTimeout().toMillis();
        this.client = vertx.getDelegate()
                .createHttpClient(new HttpClientOptions()
                        .setMaxPoolSize(256)
                        .setConnectTimeout((int) deadlineMillis)
                        .setForceSni(true)
                        .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** POSTs {@code payload} to {@code url}'s path at {@code address}, with the URL's host as Host and TLS name. */
    public Uni<Answer> send(URI url, InetAddress address, MultiMap headers, String payload) {
        var https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        var path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        var options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setHeaders(headers);
        return Uni.createFrom().emitter(emitter -> attempt(options, payload, new Once(emitter)));
    }

    /**
     * At the deadline, an answer whose status and headers have arrived counts with the part of its body read so far
     * (the receiver did answer; only its body drips); one without them is a timeout.
     */
    private void attempt(RequestOptions options, String payload, Once result) {
        client.request(options).onFailure(result::fail).onSuccess(request -> {
            var body = Buffer.buffer();
            var answered = new AtomicReference<HttpClientResponse>();
            long deadline = vertx.getDelegate().setTimer(deadlineMillis, id -> {
                var response = answered.get();
                if (response == null) {
                    result.fail(new TimeoutException("no answer within " + deadlineMillis + " ms"));
                } else {
                    result.succeed(answer(response, body));
                }
                request.reset();
            });
            result.onDone(() -> vertx.getDelegate().cancelTimer(deadline));
            request.send(Buffer.buffer(payload)).onFailure(result::fail).onSuccess(response -> {
                answered.set(response);
                response.exceptionHandler(result::fail);
                response.handler(chunk -> {
                    body.appendBuffer(chunk, 0, Math.min(chunk.length(), BODY_KEPT - body.length()));
                    if (body.length() >= BODY_KEPT) {
                        // Enough for the history: the rest is not read, and the connection is not reused.
                        result.succeed(answer(response, body));
                        request.reset();
                    }
                });
                response.endHandler(end -> result.succeed(answer(response, body)));
            });
        });
    }

    private static Answer answer(HttpClientResponse response, Buffer body) {
        return new Answer(
                response.statusCode(),
                response.getHeader("Retry-After"),
                // Kept as text in the history, recorded together with other tenants' attempts: a NUL, which a text
                // column refuses, must not fail their batch.
                body.length() == 0
                        ? null
                        : new String(body.getBytes(), StandardCharsets.UTF_8).replace('\0', '\uFFFD'));
    }

    /** A receiver's answer: status, its {@code Retry-After}, and the start of its body. */
    public record Answer(int status, String retryAfter, String body) {}

    /** Completes an attempt exactly once, whichever of answer, failure and deadline comes first. */
    private static final class Once {
        private final UniEmitter<? super Answer> emitter;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Runnable onDone = () -> {};

        Once(UniEmitter<? super Answer> emitter) {
            this.emitter = emitter;
        }

        void onDone(Runnable action) {
            onDone = action;
            if (done.get()) {
                action.run();
            }
        }

        void succeed(Answer answer) {
            if (done.compareAndSet(false, true)) {
                onDone.run();
                emitter.complete(answer);
            }
        }

        void fail(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                onDone.run();
                emitter.fail(failure);
            }
        }
    }
}
