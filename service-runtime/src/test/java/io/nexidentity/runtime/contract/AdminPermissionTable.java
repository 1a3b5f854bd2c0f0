package io.nexidentity.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HttpMethod;

import io.quarkus.security.PermissionsAllowed;

import io.nexidentity.runtime.security.AdminPermission;

/**
 * The endpoint → permission table of docs/api.md ("Permissions"), checked against a service's own resources: every
 * {@code /v1} endpoint is listed with the permission its {@code @PermissionsAllowed} names (or {@code —} where it
 * names none), every permission is one of {@link AdminPermission}, and nothing is listed that the service lacks.
 */
public final class AdminPermissionTable {

    private static final Pattern ROW =
            Pattern.compile("^\\| ([a-z-]+) \\| ([A-Z]+) \\| `([^`]+)` \\| (?:`([^`]+)`|—) \\|$");
    private static final String NONE = "—";

    private AdminPermissionTable() {}

    /** Asserts the table's rows of {@code service} are exactly the endpoints of the classes next to {@code anchor}. */
    public static void assertDocuments(String service, Class<?> anchor) throws IOException, URISyntaxException {
        var endpoints = endpoints(anchor);
        assertThat(endpoints).as("the service has admin endpoints").isNotEmpty();
        assertThat(endpoints)
                .filteredOn(endpoint -> !endpoint.endsWith(NONE))
                .allSatisfy(
                        endpoint -> assertThat(AdminPermission.known(endpoint.substring(endpoint.lastIndexOf(' ') + 1)))
                                .as("%s names a permission of AdminPermission", endpoint)
                                .isTrue());
        assertThat(documented(service))
                .as("docs/api.md, Permissions: the rows of %s", service)
                .containsExactlyInAnyOrderElementsOf(endpoints);
    }

    private static List<String> documented(String service) throws IOException {
        var rows = new ArrayList<String>();
        for (var line : Files.readAllLines(docs())) {
            var row = ROW.matcher(line);
            if (row.matches() && row.group(1).equals(service)) {
                rows.add(row.group(2) + " " + row.group(3) + " " + (row.group(4) == null ? NONE : row.group(4)));
            }
        }
        return rows;
    }

    private static Path docs() {
        var directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("docs/api.md"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(
                    "docs/api.md not found above " + Path.of("").toAbsolutePath());
        }
        return directory.resolve("docs/api.md");
    }

    private static List<String> endpoints(Class<?> anchor) throws IOException, URISyntaxException {
        var root = Path.of(
                anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        var endpoints = new ArrayList<String>();
        try (var files = Files.walk(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                var name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, anchor.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                var path = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (path != null && path.value().startsWith("/v1")) {
                    for (var method : type.getDeclaredMethods()) {
                        httpMethod(method)
                                .ifPresent(verb -> endpoints.add(
                                        verb + " " + join(path.value(), method) + " " + permission(type, method)));
                    }
                }
            }
        }
        return endpoints;
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    private static String join(String base, Method method) {
        var sub = method.getAnnotation(jakarta.ws.rs.Path.class);
        if (sub == null) {
            return base;
        }
        return base + (sub.value().startsWith("/") ? "" : "/") + sub.value();
    }

    private static String permission(Class<?> type, Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return NONE;
        }
        var named = named(method);
        if (named == null) {
            named = named(type);
        }
        return named == null ? NONE : named;
    }

    private static String named(AnnotatedElement element) {
        var allowed = element.getAnnotation(PermissionsAllowed.class);
        return allowed == null ? null : String.join(",", allowed.value());
    }
}
