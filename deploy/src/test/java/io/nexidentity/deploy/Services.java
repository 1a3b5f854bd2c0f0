package io.nexidentity.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services' own sources say about themselves: their configuration (the module's application.properties over
 * the shared defaults of service-runtime and, where used, tenant-projection) and their admin API roots.
 */
final class Services {

    static final List<String> NAMES = List.of(
            "tenant-service",
            "application-service",
            "client-service",
            "token-service",
            "audit-service",
            "webhook-dispatcher");

    private static final Pattern PATH = Pattern.compile("^@Path\\(\"(/v1/[^/\"{]+)", Pattern.MULTILINE);

    private Services() {}

    /** Every key the service is configured with, profile prefixes kept ({@code %test.x}), later sources winning. */
    static Map<String, String> config(String service) {
        var config = new LinkedHashMap<String, String>();
        read(
                Manifests.ROOT.resolve("service-runtime/src/main/resources/META-INF/microprofile-config.properties"),
                config);
        var own = Manifests.ROOT.resolve(service + "/src/main/resources/application.properties");
        var ownConfig = new LinkedHashMap<String, String>();
        read(own, ownConfig);
        if (ownConfig.getOrDefault("quarkus.flyway.locations", "").contains("tenant-projection")) {
            read(
                    Manifests.ROOT.resolve(
                            "tenant-projection/src/main/resources/META-INF/microprofile-config.properties"),
                    config);
        }
        config.putAll(ownConfig);
        return config;
    }

    /** Keys the service has a development or test value for but none for production: production must set them. */
    static Set<String> requiredInProduction(String service) {
        var config = config(service);
        var required = new TreeSet<String>();
        config.keySet().stream()
                .filter(key -> key.startsWith("%dev."))
                .map(key -> key.substring("%dev.".length()))
                .filter(key -> !config.containsKey(key) && key.startsWith("nexid."))
                .forEach(required::add);
        return required;
    }

    /** The environment variable Quarkus maps to a configuration key. */
    static String environmentName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    static int port(String service) {
        var value = config(service).get("quarkus.http.port");
        var matcher = Pattern.compile("\\$\\{NEXID_HTTP_PORT:(\\d+)}").matcher(value);
        if (!matcher.matches()) {
            throw new AssertionError(service + " has no default port: " + value);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The first segment after /v1 of every JAX-RS resource of the service's public API. */
    static Set<String> adminApiRoots(String service) {
        var roots = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(Manifests.ROOT.resolve(service + "/src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                var matcher = PATH.matcher(read(file));
                while (matcher.find()) {
                    roots.add(matcher.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return roots;
    }

    private static void read(Path file, Map<String, String> into) {
        for (var line : read(file).split("\n")) {
            var trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals > 0) {
                into.put(
                        trimmed.substring(0, equals).strip(),
                        trimmed.substring(equals + 1).strip());
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
