package io.nexidentity.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The sample tenant backend (examples/tenant-backend) as a tenant runs it: its own process, configured with the
 * tenant's issuer URL and the application key it serves. It outlives the quickstart (./nexid stops it with the
 * platform); a backend left by an earlier quickstart is replaced, since it serves that run's application.
 */
final class TenantBackend {

    static final String URL = "http://127.0.0.1:8090";
    /** The same backend as a browser may name it; its web login is registered for both names. */
    static final String LOCALHOST_URL = "http://localhost:8090";

    private static final Duration START = Duration.ofSeconds(60);

    private TenantBackend() {}

    static void start(Path jar, Path runDir, String issuer, String audience, String webClientId, String webSecret)
            throws Exception {
        var pidFile = runDir.resolve("pids").resolve("tenant-backend.pid");
        stopEarlier(pidFile);
        Files.createDirectories(pidFile.getParent());
        var log = runDir.resolve("logs").resolve("tenant-backend.log");
        Files.createDirectories(log.getParent());
        var builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NEXID_ISSUER", issuer);
        builder.environment().put("NEXID_AUDIENCE", audience);
        builder.environment().put("PORT", URL.substring(URL.lastIndexOf(':') + 1));
        builder.environment().put("NEXID_WEB_LOGIN", "true");
        builder.environment().put("NEXID_WEB_CLIENT_ID", webClientId);
        builder.environment().put("NEXID_WEB_CLIENT_SECRET", webSecret);
        var process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        awaitReady(process);
    }

    private static void stopEarlier(Path pidFile) throws IOException, InterruptedException {
        if (!Files.exists(pidFile)) {
            return;
        }
        var earlier = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        if (earlier.isPresent() && earlier.get().info().commandLine().orElse("").contains("tenant-backend")) {
            earlier.get().destroy();
            try {
                earlier.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                earlier.get().destroyForcibly();
            }
        }
        Files.delete(pidFile);
    }

    private static void awaitReady(Process process) throws Exception {
        var http = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the tenant backend exited during start: see ./nexid logs tenant-backend");
            }
            try {
                var ready = http.send(
                        HttpRequest.newBuilder(URI.create(URL + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "the tenant backend was not ready in " + START.toSeconds() + " s: see ./nexid logs tenant-backend");
    }
}
