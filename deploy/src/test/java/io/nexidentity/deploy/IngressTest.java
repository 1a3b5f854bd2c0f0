package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One host, TLS, and only what is public: the token-service's OAuth/OIDC endpoints (every tenant's issuer under
 * {@code /t}, the well-known metadata and the platform's JWKS of old; none at the root any more) and every service's
 * admin API (each {@code /v1} root the service's resources declare, routed to that service's port) — never
 * {@code /internal} or {@code /q}.
 */
class IngressTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void ingressWhenRenderedThenPublicEndpointsAndEveryAdminApiAndNothingElse(String overlay) {
        var spec = Manifests.of(overlay).one("Ingress", "nexidentity").path("spec");
        assertThat(spec.path("rules")).hasSize(1);
        var host = spec.path("rules").get(0).path("host").asText();
        assertThat(spec.path("tls").get(0).path("hosts").toString()).contains(host);

        var routes = new HashMap<String, String>();
        spec.path("rules").get(0).path("http").path("paths").forEach(path -> {
            var backend = path.path("backend").path("service");
            assertThat(backend.path("port").path("number").asInt())
                    .isEqualTo(Services.port(backend.path("name").asText()));
            routes.put(path.path("path").asText(), backend.path("name").asText());
        });

        assertThat(routes.keySet()).noneMatch(path -> path.startsWith("/internal") || path.startsWith("/q"));
        for (var service : Services.NAMES) {
            for (var root : Services.adminApiRoots(service)) {
                assertThat(routes).as(service + " " + root).containsEntry(root, service);
            }
        }
        assertThat(routes)
                .containsAllEntriesOf(Map.of(
                        "/.well-known", "token-service",
                        "/jwks", "token-service",
                        "/t", "token-service"))
                .doesNotContainKeys(
                        "/authorize",
                        "/token",
                        "/introspect",
                        "/revoke",
                        "/userinfo",
                        "/logout",
                        "/device_authorization",
                        "/device");
    }
}
