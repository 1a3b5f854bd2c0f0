package io.nexidentity.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The validation scripts under src/test/node, run by Node.js with the npm packages of their package-lock.json
 * (installed with {@code npm ci} when missing); each prints one JSON line per result.
 */
final class NodeScripts {

    private static final Path DIR = Manifests.DEPLOY.resolve("src/test/node");
    private static final List<String> PACKAGES = List.of("kubernetes-models", "@prometheus-io/lezer-promql");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScripts() {}

    /** Runs {@code script} with {@code args}; its output is kept in {@code target/<output>}. */
    static List<JsonNode> run(String script, String output, String... args) throws IOException, InterruptedException {
        if (PACKAGES.stream()
                .anyMatch(name -> !Files.isDirectory(DIR.resolve("node_modules").resolve(name)))) {
            run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile()), "npm ci");
        }
        var out = Manifests.DEPLOY.resolve("target").resolve(output);
        Files.createDirectories(out.getParent());
        var command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        run(new ProcessBuilder(command).directory(DIR.toFile()).redirectOutput(out.toFile()), "node " + script);
        var results = new ArrayList<JsonNode>();
        for (var line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
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
