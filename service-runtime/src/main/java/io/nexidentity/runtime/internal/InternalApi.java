package io.nexidentity.runtime.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Calls another platform service's {@code /internal} API with the platform credential: the read-through fallback of
 * projections. Non-blocking; a missing resource is an empty result, any other failure a failed Uni.
 */
@ApplicationScoped
public class InternalApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

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

    /** GET {@code baseUrl + path}, decoded as {@code type}; empty on 404. */
    public <T> Uni<Optional<T>> get(String baseUrl, String path, Class<T> type) {
        var uri = URI.create(baseUrl + path);
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

    /** POST {@code body} as JSON to {@code baseUrl + path}, the 200 answer decoded as {@code type}. */
    public <T> Uni<T> post(String baseUrl, String path, Object body, Class<T> type) {
        var uri = URI.create(baseUrl + path);
        return client.postAbs(uri.toString())
                .bearerTokenAuthentication(credential)
                .timeout(TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json(body)))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(
                                "POST " + uri + " answered " + response.statusCode() + ": " + response.bodyAsString());
                    }
                    try {
                        return mapper.readValue(response.bodyAsString(), type);
                    } catch (Exception e) {
                        throw new IllegalStateException("POST " + uri + " answered unreadable JSON", e);
                    }
                });
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
