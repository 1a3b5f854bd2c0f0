package io.nexidentity.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.nexidentity.events.Topic;
import io.nexidentity.outbox.PrivateKafkaBroker;
import io.nexidentity.quickstart.LocalState;
import io.nexidentity.runtime.contract.PlatformTestStack;

/**
 * The whole platform as a platform team runs it: the six services from their packaged jars, in the production profile
 * (JSON logs, secrets from the environment), on a {@link PrivatePostgres} and a {@link PrivateKafkaBroker} that the
 * tests stop, kill and restart. Webhooks may go to loopback over http, on a short retry schedule, and machines' admin
 * tokens last as long as others; nothing else differs from {@code ./nexid up}. Logs:
 * {@code target/faults/<service>.log}.
 */
final class FaultPlatform implements AutoCloseable {

    static final List<String> SERVICES = List.of(
            "tenant-service",
            "application-service",
            "client-service",
            "token-service",
            "audit-service",
            "webhook-dispatcher");
    /** The webhook retry schedule of these tests (production: 5s,5m,30m,...). */
    static final List<Duration> RETRY_SCHEDULE = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PrivatePostgres postgres;
    private final PrivateKafkaBroker kafka;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> secrets = new HashMap<>();
    private final Path logs;
    private boolean closed;

    private FaultPlatform(PrivatePostgres postgres, PrivateKafkaBroker kafka, Path logs) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.logs = logs;
    }

    /** Starts it all; whatever started is stopped again when a part fails, and when the JVM exits. */
    static FaultPlatform start() throws Exception {
        var databases = List.of(
                "nexid_tenant", "nexid_application", "nexid_client", "nexid_token", "nexid_audit", "nexid_webhook");
        var postgres = PrivatePostgres.start(PlatformTestStack.freePort(), databases);
        var kafka = new PrivateKafkaBroker(Topic.PARTITIONS);
        var platform = new FaultPlatform(
                postgres,
                kafka,
                Files.createDirectories(Path.of("target", "faults").toAbsolutePath()));
        var stopAtExit = new Thread(platform::closeQuietly, "fault-platform-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        try {
            kafka.start();
            platform.launchAll();
            return platform;
        } catch (Exception | Error e) {
            platform.closeQuietly();
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
            throw e;
        }
    }

    PrivatePostgres postgres() {
        return postgres;
    }

    PrivateKafkaBroker kafka() {
        return kafka;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** The status of the service's readiness check, or 0 when it does not answer. */
    int readiness(String service) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    boolean allReady() {
        return SERVICES.stream().allMatch(service -> readiness(service) == 200);
    }

    /** Whether every service process is still the one started (none died or was restarted). */
    boolean allAlive() {
        return processes.values().stream().allMatch(Process::isAlive);
    }

    private void launchAll() throws Exception {
        SERVICES.forEach(service -> ports.put(service, PlatformTestStack.freePort()));
        secrets.putAll(LocalState.newSecrets());
        for (var service : SERVICES) {
            processes.put(service, launch(service));
        }
        var deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (var service : SERVICES) {
            while (readiness(service) != 200) {
                if (!processes.get(service).isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(service + " did not become ready, see " + log(service));
                }
                Thread.sleep(250);
            }
        }
    }

    private Process launch(String service) throws IOException {
        var jar = PlatformTestStack.repositoryRoot()
                .resolve(service)
                .resolve(Path.of("target", "quarkus-app", "quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor packages " + service + " first");
        }
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dnexid.webhooks.allowed-networks=127.0.0.0/8",
                "-Dnexid.webhooks.allow-http=true",
                "-Dnexid.webhooks.poll-interval=100ms",
                "-Dnexid.webhooks.retry-schedule="
                        + String.join(
                                ",",
                                RETRY_SCHEDULE.stream()
                                        .map(delay -> delay.toSeconds() + "s")
                                        .toList()),
                // every tenant of these tests registers from loopback
                "-Dnexid.registration.attempts-per-address=1000",
                // the tests call the admin APIs with the bootstrap credential's first token, outages included
                "-Dnexid.token.machine-admin-token-lifetime=PT15M",
                "-jar",
                jar.toString()));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()));
        var environment = builder.environment();
        environment.putAll(secrets);
        environment.put("NEXID_HTTP_PORT", String.valueOf(ports.get(service)));
        environment.put("NEXID_DATABASE_HOST", "127.0.0.1");
        environment.put("NEXID_DATABASE_PORT", String.valueOf(postgres.port()));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("NEXID_ISSUER", url("token-service"));
        environment.put("NEXID_MAIL_LOG_ONLY", "true");
        for (var other : SERVICES) {
            environment.put("NEXID_" + other.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL", url(other));
        }
        return builder.start();
    }

    private Path log(String service) {
        return logs.resolve(service + ".log");
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        processes.values().forEach(Process::destroy);
        for (var process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            kafka.stop();
        } catch (RuntimeException e) {
            // a broker that never started has nothing to stop
        } finally {
            postgres.close();
        }
    }
}
