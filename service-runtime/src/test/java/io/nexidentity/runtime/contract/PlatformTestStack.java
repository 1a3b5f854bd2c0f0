package io.nexidentity.runtime.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The platform around the service under test, made of real parts: a {@link TestIssuer} and the packaged jars of the
 * other services this one talks to (built earlier in the reactor), each in its own JVM on a free port with the test
 * profile. Init args: {@code services}, comma-separated module names, e.g. {@code tenant-service,application-service};
 * {@code issuer}, {@code test} (default: the {@link TestIssuer}), {@code service-under-test} (the token-service being
 * tested is the issuer every launched service trusts) or {@code token-service} (a launched token-service is, for an
 * application under test that only consumes tokens). The service under test gets a fixed free test port so the
 * launched services can call it back.
 */
public class PlatformTestStack implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> URLS = new LinkedHashMap<>();
    private static int servicePort;

    private final TestIssuer issuer = new TestIssuer();
    private final List<Process> processes = new ArrayList<>();
    private List<String> services = List.of();
    private boolean selfIssued;
    private boolean tokenServiceIssued;
    private String issuerUrl;

    @Override
    public void init(Map<String, String> initArgs) {
        selfIssued = "service-under-test".equals(initArgs.get("issuer"));
        tokenServiceIssued = "token-service".equals(initArgs.get("issuer"));
        services = List.of(initArgs.getOrDefault("services", "").split(",")).stream()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(issuer.start());
        servicePort = freePort();
        config.put("quarkus.http.test-port", String.valueOf(servicePort));
        if (selfIssued) {
            config.remove("quarkus.oidc.auth-server-url");
            config.put("nexid.issuer", serviceUnderTestUrl());
        }
        issuerUrl = selfIssued ? serviceUnderTestUrl() : config.get("quarkus.oidc.auth-server-url");
        var ports = new LinkedHashMap<String, Integer>();
        services.forEach(name -> ports.put(name, freePort()));
        ports.forEach((name, port) -> URLS.put(name, "http://127.0.0.1:" + port));
        if (tokenServiceIssued) {
            issuerUrl = url("token-service");
            config.put("quarkus.oidc.auth-server-url", issuerUrl);
            config.put("nexid.issuer", issuerUrl);
        }
        URLS.forEach((name, url) -> config.put("nexid.services." + name + ".url", url));
        ports.forEach((name, port) -> processes.add(launch(name, port, issuerUrl, launchProperties(name))));
        ports.forEach(this::awaitReady);
        return config;
    }

    /**
     * A launched token-service has no mTLS listener (its certificates are its own tests' fixtures); a launched
     * tenant-service verifies domains with the {@link TestDns} and sends its mails to the {@link TestMailbox} when
     * GreenMail is on the test classpath.
     */
    private static List<String> launchProperties(String name) {
        if (name.equals("token-service")) {
            return List.of("-Dnexid.token.mtls.enabled=false");
        }
        if (name.equals("tenant-service")) {
            var properties = new HashMap<>(TestDns.startOnce());
            if (greenMailPresent()) {
                properties.putAll(TestMailbox.startOnce());
            }
            return properties.entrySet().stream()
                    .map(property -> "-D" + property.getKey() + "=" + property.getValue())
                    .toList();
        }
        return List.of();
    }

    /** Asked before {@link TestMailbox} is touched: its class needs GreenMail's. */
    private static boolean greenMailPresent() {
        try {
            Class.forName("com.icegreen.greenmail.util.GreenMail", false, PlatformTestStack.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Base URL of a launched service. */
    public static String url(String service) {
        var url = URLS.get(service);
        if (url == null) {
            throw new IllegalStateException(service + " is not part of this test's platform stack");
        }
        return url;
    }

    /** Base URL of the service under test, as the launched services reach it. */
    public static String serviceUnderTestUrl() {
        return "http://127.0.0.1:" + servicePort;
    }

    @Override
    public void stop() {
        processes.forEach(Process::destroy);
        for (var process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        URLS.clear();
        issuer.stop();
    }

    /**
     * Starts an instance of the module under test itself from its packaged jar (integration tests, after {@code
     * package}), on {@code port} and with {@code properties} ({@code key=value}), in the same platform; waits until it
     * is ready. The first instance takes the service-under-test port; further ones share its database and Kafka. The
     * process is returned for tests that kill it.
     */
    public Process launchModuleInstance(int port, String... properties) {
        var extra = new ArrayList<String>();
        for (var property : properties) {
            extra.add("-D" + property);
        }
        var process = launch(moduleName(), port, issuerUrl, extra);
        processes.add(process);
        awaitReady(moduleName(), port);
        return process;
    }

    /** The port of the service under test (the first instance of {@link #launchModuleInstance}). */
    public static int serviceUnderTestPort() {
        return servicePort;
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process launch(String name, int port, String issuerUrl, List<String> extra) {
        var jar = repositoryRoot().resolve(name).resolve(Path.of("target", "quarkus-app", "quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor builds " + name + " before this module");
        }
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.profile=test",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.oidc.auth-server-url=" + issuerUrl,
                "-Dnexid.issuer=" + issuerUrl));
        URLS.forEach((other, url) -> command.add("-Dnexid.services." + other + ".url=" + url));
        command.add("-Dnexid.services." + moduleName() + ".url=" + serviceUnderTestUrl());
        command.addAll(extra);
        command.addAll(List.of("-jar", jar.toString()));
        try {
            var log = Path.of("target", "platform-stack-" + name + "-" + port + ".log")
                    .toAbsolutePath();
            // in its own module's directory, where its test configuration's relative paths (e.g. mTLS material) point
            return new ProcessBuilder(command)
                    .directory(repositoryRoot().resolve(name).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String name, int port) {
        var http = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        throw new IllegalStateException(
                name + " did not become ready, see target/platform-stack-" + name + "-" + port + ".log");
    }

    /** The checkout the module under test is in: the first directory up from it that holds the token-service. */
    public static Path repositoryRoot() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("token-service").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "not inside a NexIdentity checkout: " + Path.of("").toAbsolutePath());
    }

    /** The module this test runs in (its directory name), so launched services can call it back. */
    private static String moduleName() {
        return Path.of("").toAbsolutePath().getFileName().toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
