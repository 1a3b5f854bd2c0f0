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

    @PreDestroy
    void close() {
        client.close();
    }
}
