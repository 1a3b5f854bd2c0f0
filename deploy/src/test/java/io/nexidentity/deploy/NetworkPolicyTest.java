package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Default deny, then exactly what the services need: each reaches PostgreSQL, Kafka, DNS and the services it is
 * configured to call (and only the webhook dispatcher the internet, on 443); each is reached by the services that call
 * it, by monitoring, and — only if the Ingress routes to it — by the ingress controller.
 */
class NetworkPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void policiesWhenRenderedThenDefaultDenyAndOnlyWhatEachServiceNeeds(String overlay) {
        var manifests = Manifests.of(overlay);
        var deny = manifests.one("NetworkPolicy", "default-deny").path("spec");
        assertThat(deny.path("podSelector").isEmpty()).isTrue();
        assertThat(deny.path("policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(deny.has("ingress")).isFalse();
        assertThat(deny.has("egress")).isFalse();

        var routed = new HashSet<String>();
        manifests
                .one("Ingress", "nexidentity")
                .path("spec")
                .path("rules")
                .get(0)
                .path("http")
                .path("paths")
                .forEach(path -> routed.add(
                        path.path("backend").path("service").path("name").asText()));

        for (var service : Services.NAMES) {
            var policy = manifests.one("NetworkPolicy", service).path("spec");
            assertThat(policy.path("policyTypes").toString()).contains("Ingress", "Egress");
            var egressTo = peers(policy.path("egress"), "to");
            assertThat(egressTo)
                    .as(service)
                    .contains("cnpg.io/cluster=nexid-postgres", "strimzi.io/cluster=nexid-kafka");
            for (var called : calledServices(service)) {
                assertThat(egressTo).as(service + " calls " + called).contains("app.kubernetes.io/name=" + called);
            }
            var ingressFrom = peers(policy.path("ingress"), "from");
            assertThat(ingressFrom.contains("namespace:ingress-nginx"))
                    .as(service)
                    .isEqualTo(routed.contains(service));
            for (var caller : Services.NAMES) {
                if (calledServices(caller).contains(service)) {
                    assertThat(ingressFrom)
                            .as(caller + " calls " + service)
                            .contains("app.kubernetes.io/name=" + caller);
                }
            }
            var internet = policy.path("egress").toString().contains("0.0.0.0/0");
            assertThat(internet).as(service).isEqualTo(service.equals("webhook-dispatcher"));
        }
    }

    /**
     * The services a service calls: its internal-API read-throughs, the token-service for admin tokens' keys, and the
     * tenant-service (itself included) for the tenant that proved the custom domain an admin token was issued on.
     */
    private static Set<String> calledServices(String service) {
        var called = new HashSet<String>();
        if (!service.equals("token-service")) {
            called.add("token-service");
        }
        called.add("tenant-service");
        var sources = Manifests.ROOT.resolve(service + "/src/main/java").toString();
        for (var other : Services.NAMES) {
            if (!other.equals(service) && mentions(sources, "nexid.services." + other + ".url")) {
                called.add(other);
            }
        }
        if (Services.config(service)
                .getOrDefault("quarkus.flyway.locations", "")
                .contains("tenant-projection")) {
            called.add("tenant-service");
        }
        return called;
    }

    private static boolean mentions(String directory, String text) {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(directory))) {
            return files.filter(file -> file.toString().endsWith(".java")).anyMatch(file -> {
                try {
                    return java.nio.file.Files.readString(file).contains(text);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Peers of the rules as {@code label=value} for pod selectors and {@code namespace:name} for namespaces. */
    private static Set<String> peers(JsonNode rules, String direction) {
        var peers = new HashSet<String>();
        rules.forEach(rule -> rule.path(direction).forEach(peer -> {
            peer.path("podSelector")
                    .path("matchLabels")
                    .fields()
                    .forEachRemaining(label ->
                            peers.add(label.getKey() + "=" + label.getValue().asText()));
            var namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name");
            if (!namespace.isMissingNode()) {
                peers.add("namespace:" + namespace.asText());
            }
        }));
        return peers;
    }
}
