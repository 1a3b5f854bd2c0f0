package io.nexidentity.ctl;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a run of nexidctl depends on outside its arguments: where the session is kept, the environment variables it
 * reads ({@code NEXIDCTL_API}, {@code NEXIDCTL_CLIENT_SECRET}) and the HTTP client.
 */
public record CtlEnvironment(Path configDir, Map<String, String> variables, HttpClient http) {

    /**
     * The process's: {@code $NEXIDCTL_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/nexidctl}, else
     * {@code ~/.config/nexidctl}.
     */
    public static CtlEnvironment ofProcess() {
        var variables = System.getenv();
        Path configDir;
        if (variables.get("NEXIDCTL_CONFIG_DIR") != null) {
            configDir = Path.of(variables.get("NEXIDCTL_CONFIG_DIR"));
        } else if (variables.get("XDG_CONFIG_HOME") != null) {
            configDir = Path.of(variables.get("XDG_CONFIG_HOME"), "nexidctl");
        } else {
            configDir = Path.of(System.getProperty("user.home"), ".config", "nexidctl");
        }
        return new CtlEnvironment(configDir, variables, newHttpClient());
    }

    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    String variable(String name) {
        var value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
