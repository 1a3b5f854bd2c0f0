package io.nexidentity.runtime.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Calls another platform service's {@code /internal} API with the platform credential: the read-through fallback of
 * projections. Non-blocking; a missing resource is an empty result, any other failure a failed Uni.
 */
@ApplicationScoped
public class InternalApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final WebClient client;
    private final ObjectMapper mapper;
    private final String credential;

    InternalApi(
            Vertx vertx,
            ObjectMapper mapper,
            @ConfigProperty(name = "nexid.security.platform-credential") String credential) {
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout((int) TIMEOUT.toMillis())
                        .setKeepAlive(true));
        this.mapper = mapper;
        this.credential = credential;
    }

    /**
     * GET {@code baseUrl} + {@code pathTemplate} with each {@code {}} replaced by the next of {@code segments}, each
     * percent-encoded as one path segment; decoded as {@code type}, empty on 404.
     */
    public <T> Uni<Optional<T>> get(String baseUrl, Class<T> type, String pathTemplate, Object... segments) {
        var uri = URI.create(baseUrl + path(pathTemplate, segments));
        return client.getAbs(uri.toString())
                .bearerTokenAuthentication(credential)
                .timeout(TIMEOUT.toMillis())
                .send()
                .map(response -> {
                    if (response.statusCode() == 404) {
                        return Optional.<T>empty();
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(
                                "GET " + uri + " answered " + response.statusCode() + ": " + response.bodyAsString());
                    }
                    try {
                        return Optional.of(mapper.readValue(response.bodyAsString(), type));
                    } catch (Exception e) {
                        throw new IllegalStateException("GET " + uri + " answered unreadable JSON", e);
                    }
                });
    }

    /** POST {@code body} as JSON to a path built as for {@link #get}, the 200 answer decoded as {@code type}. */
    public <T> Uni<T> post(String baseUrl, Object body, Class<T> type, String pathTemplate, Object... segments) {
        var uri = URI.create(baseUrl + path(pathTemplate, segments));
        return send(uri, body).map(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "POST " + uri + " answered " + response.statusCode() + ": " + response.bodyAsString());
            }
            return read(uri, response.bodyAsString(), type);
        });
    }

    /**
     * POST as {@link #post}, for calls whose refusals the caller handles: every status is an answer, with a 2xx body
     * decoded as {@code type} ({@code null} when empty).
     */
    public <T> Uni<Answer<T>> exchange(
            String baseUrl, Object body, Class<T> type, String pathTemplate, Object... segments) {
        var uri = URI.create(baseUrl + path(pathTemplate, segments));
        return send(uri, body).map(response -> {
            var text = response.bodyAsString();
            return response.statusCode() / 100 != 2 || text == null || text.isEmpty()
                    ? new Answer<T>(response.statusCode(), null)
                    : new Answer<>(response.statusCode(), read(uri, text, type));
        });
    }

    private Uni<HttpResponse<Buffer>> send(URI uri, Object body) {
        return client.postAbs(uri.toString())
                .bearerTokenAuthentication(credential)
                .timeout(TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json(body)));
    }

    private <T> T read(URI uri, String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException("POST " + uri + " answered unreadable JSON", e);
        }
    }

    /** A status and, for a 2xx answer with a body, the body. */
    public record Answer<T>(int status, T body) {}

    /** The template with its {@code {}} placeholders filled by path segments, every byte outside RFC 3986's unreserved set percent-encoded. */
    static String path(String template, Object... segments) {
        var path = new StringBuilder();
        int from = 0;
        for (var segment : segments) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("more segments than placeholders in " + template);
            }
            path.append(template, from, at);
            for (byte b : String.valueOf(segment).getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "-._~".indexOf(c) >= 0) {
                    path.append(c);
                } else {
                    path.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            }
            from = at + 2;
        }
        if (template.indexOf("{}", from) >= 0) {
            throw new IllegalArgumentException("fewer segments than placeholders in " + template);
        }
        return path.append(template, from, template.length()).toString();
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "cannot serialize " + body.getClass().getSimpleName(), e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
