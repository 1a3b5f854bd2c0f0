package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        var node = Manifests.DEPLOY.resolve("src/test/node");
        if (!Files.isDirectory(node.resolve("node_modules/kubernetes-models"))) {
            run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(node.toFile()), "npm ci");
        }
        var output = Manifests.DEPLOY.resolve("target/rendered/" + overlay + ".validation.jsonl");
        run(
                new ProcessBuilder(
                                "node",
                                "validate.mjs",
                                Manifests.of(overlay).file().toString())
                        .directory(node.toFile())
                        .redirectOutput(output.toFile()),
                "node validate.mjs");
        var results = new ArrayList<JsonNode>();
        for (var line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            results.add(JSON.readTree(line));
        }
        return results;
    }

    private static void run(ProcessBuilder command, String what) throws IOException, InterruptedException {
        Process process;
        try {
            process = command.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new AssertionError("validating deploy/ needs Node.js 20 or newer and npm on the PATH", e);
        }
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(what + " failed");
        }
    }
}
