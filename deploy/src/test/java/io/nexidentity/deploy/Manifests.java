package io.nexidentity.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * An overlay of deploy/ as kubectl would apply it: rendered by {@code kubectl kustomize} (kustomize is part of kubectl
 * since 1.14; the overlays use its v5 syntax) into {@code target/rendered/<overlay>.yaml}, then read document by
 * document.
 */
record Manifests(Path file, List<JsonNode> resources) {

    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path ROOT = DEPLOY.getParent();
    static final List<String> OVERLAYS = List.of("dev", "production");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static Manifests of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream()
                .filter(r -> kind.equals(r.path("kind").asText()))
                .toList();
    }

    JsonNode one(String kind, String name) {
        return ofKind(kind).stream()
                .filter(r -> name.equals(r.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + file));
    }

    private static Manifests render(String overlay) {
        try {
            var out = DEPLOY.resolve("target/rendered/" + overlay + ".yaml");
            Files.createDirectories(out.getParent());
            var process = new ProcessBuilder(
                            "kubectl",
                            "kustomize",
                            DEPLOY.resolve("overlays/" + overlay).toString())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize overlays/" + overlay + " failed");
            }
            var resources = new ArrayList<JsonNode>();
            try (var parser = YAML.getFactory().createParser(Files.readString(out, StandardCharsets.UTF_8))) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(resources::add);
            }
            return new Manifests(out, resources);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("kubectl")) {
                throw new AssertionError(
                        "rendering deploy/ needs kubectl 1.27 or newer on the PATH (it includes"
                                + " kustomize v5): install kubectl, then run the tests again",
                        e);
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
