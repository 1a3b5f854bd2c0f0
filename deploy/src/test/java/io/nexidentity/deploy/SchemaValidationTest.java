package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Kubernetes object of every overlay is valid against the Kubernetes OpenAPI schema of its kind (types, required
 * fields, formats), checked by kubernetes-models (npm) in Node.js. The operators' resources (Strimzi, CloudNativePG)
 * have no schema there: they are exactly the kinds listed, and {@link OperatorResourcesTest} checks them field by field.
 */
class SchemaValidationTest {

    private static final Set<String> OPERATOR_KINDS =
            Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Database");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void renderedObjectsWhenValidatedThenEveryKubernetesObjectMatchesItsSchema(String overlay) throws Exception {
        var results = validate(overlay);

        var kubernetes = results.stream()
                .filter(r -> "kubernetes".equals(r.path("schema").asText()))
                .toList();
        assertThat(kubernetes).hasSizeGreaterThan(40);
        assertThat(kubernetes)
                .as("schema errors")
                .allSatisfy(r -> assertThat(r.path("error").isNull())
                        .as(r.path("kind").asText() + " " + r.path("name").asText() + ": " + r.path("error"))
                        .isTrue());
        assertThat(results.stream()
                        .filter(r -> "none".equals(r.path("schema").asText()))
                        .map(r -> r.path("kind").asText())
                        .collect(Collectors.toSet()))
                .isEqualTo(OPERATOR_KINDS);
    }

    private static List<JsonNode> validate(String overlay) throws IOException, InterruptedException {
        return NodeScripts.run(
                "validate.mjs",
                "rendered/" + overlay + ".validation.jsonl",
                Manifests.of(overlay).file().toString());
    }
}
