package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service runs as the platform requires: non-root on a read-only root filesystem without capabilities, with
 * requests and a memory limit, probed on the health endpoints its own port serves, with a Service, ServiceAccount, PodDisruptionBudget, HorizontalPodAutoscaler and NetworkPolicy of its own, and with
 * every setting it has no production default for.
 */
class WorkloadPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void deploymentsWhenRenderedThenHardenedSizedAndProbedOnTheServicesHealthEndpoints(String overlay) {
        var manifests = Manifests.of(overlay);
        assertThat(manifests.ofKind("Deployment")).hasSize(Services.NAMES.size());
        for (var service : Services.NAMES) {
            var pod = manifests
                    .one("Deployment", service)
                    .path("spec")
                    .path("template")
                    .path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(pod.path("securityContext")
                            .path("seccompProfile")
                            .path("type")
                            .asText())
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(pod.path("serviceAccountName").asText()).isEqualTo(service);
            assertThat(pod.path("containers")).as(service).hasSize(1);
            var container = pod.path("containers").get(0);
            var security = container.path("securityContext");
            assertThat(security.path("readOnlyRootFilesystem").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                    .isFalse();
            assertThat(security.path("capabilities").path("drop").toString()).contains("\"ALL\"");
            assertThat(container.path("resources").path("requests").has("cpu")).isTrue();
            assertThat(container.path("resources").path("requests").has("memory"))
                    .isTrue();
            assertThat(container.path("resources").path("limits").has("memory")).isTrue();
            var port = Services.port(service);
            assertThat(container.path("ports").get(0).path("containerPort").asInt())
                    .isEqualTo(port);
            assertThat(probe(container, "startupProbe")).isEqualTo("/q/health/started");
            assertThat(probe(container, "livenessProbe")).isEqualTo("/q/health/live");
            assertThat(probe(container, "readinessProbe")).isEqualTo("/q/health/ready");
            assertThat(mounts(container)).contains("/tmp");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void servicesWhenRenderedThenEachHasItsServiceAccountDisruptionBudgetAutoscalerAndPolicy(String overlay) {
        var manifests = Manifests.of(overlay);
        for (var service : Services.NAMES) {
            var selector = manifests
                    .one("Deployment", service)
                    .path("spec")
                    .path("selector")
                    .path("matchLabels");
            assertThat(manifests.one("Service", service).path("spec").path("selector"))
                    .isEqualTo(selector);
            assertThat(manifests
                            .one("Service", service)
                            .path("spec")
                            .path("ports")
                            .get(0)
                            .path("port")
                            .asInt())
                    .isEqualTo(Services.port(service));
            manifests.one("ServiceAccount", service);
            assertThat(manifests
                            .one("PodDisruptionBudget", service)
                            .path("spec")
                            .path("selector")
                            .path("matchLabels"))
                    .isEqualTo(selector);
            assertThat(manifests
                            .one("HorizontalPodAutoscaler", service)
                            .path("spec")
                            .path("scaleTargetRef")
                            .path("name")
                            .asText())
                    .isEqualTo(service);
            assertThat(manifests
                            .one("NetworkPolicy", service)
                            .path("spec")
                            .path("podSelector")
                            .path("matchLabels"))
                    .isEqualTo(selector);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void environmentWhenRenderedThenEverySettingWithoutAProductionDefaultIsSet(String overlay) {
        var manifests = Manifests.of(overlay);
        for (var service : Services.NAMES) {
            var required = Services.requiredInProduction(service);
            assertThat(required).as(service).contains("nexid.secrets.hash-key", "nexid.security.platform-credential");
            var env = environment(manifests, manifests.one("Deployment", service));
            for (var key : required) {
                assertThat(env).as(service + " needs " + key).contains(Services.environmentName(key));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production"})
    void productionWhenRenderedThenThreeReplicasSpreadAcrossZonesAndAutoscaledFromThree(String overlay) {
        var manifests = Manifests.of(overlay);
        for (var service : Services.NAMES) {
            var spec = manifests.one("Deployment", service).path("spec");
            assertThat(spec.path("replicas").asInt()).isEqualTo(3);
            assertThat(spec.path("template")
                            .path("spec")
                            .path("topologySpreadConstraints")
                            .toString())
                    .contains("topology.kubernetes.io/zone");
            assertThat(manifests
                            .one("HorizontalPodAutoscaler", service)
                            .path("spec")
                            .path("minReplicas")
                            .asInt())
                    .isEqualTo(3);
        }
        assertThat(manifests.ofKind("Secret"))
                .as("production secrets come from the secret store")
                .isEmpty();
    }

    /** Variables set by env (directly or from secrets) and by the ConfigMaps the container reads whole. */
    private static Set<String> environment(Manifests manifests, JsonNode deployment) {
        var container = deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        var names = new HashSet<String>();
        container
                .path("env")
                .forEach(variable -> names.add(variable.path("name").asText()));
        container.path("envFrom").forEach(source -> {
            var configMap = source.path("configMapRef").path("name").asText();
            manifests.one("ConfigMap", configMap).path("data").fieldNames().forEachRemaining(names::add);
        });
        return names;
    }

    private static String probe(JsonNode container, String probe) {
        var get = container.path(probe).path("httpGet");
        assertThat(get.path("port").asText()).isEqualTo("http");
        return get.path("path").asText();
    }

    private static Set<String> mounts(JsonNode container) {
        var paths = new HashSet<String>();
        container
                .path("volumeMounts")
                .forEach(mount -> paths.add(mount.path("mountPath").asText()));
        return paths;
    }
}
