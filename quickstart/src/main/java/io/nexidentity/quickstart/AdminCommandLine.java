package io.nexidentity.quickstart;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nexidentity.ctl.CtlEnvironment;
import io.nexidentity.ctl.Nexidctl;

/**
 * nexidctl as a person runs it, in this JVM: its own config directory and environment, what it printed and its exit
 * status. {@link #signIn} is {@code nexidctl login} with the device grant, the person approving on the hosted page.
 */
public final class AdminCommandLine {

    private static final Pattern VERIFICATION = Pattern.compile("open (\\S+)");
    private static final Pattern AUTHORIZATION = Pattern.compile("(http\\S+/authorize\\?\\S+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration SIGN_IN_WAIT = Duration.ofSeconds(60);

    private final Path configDir;
    private final Map<String, String> variables;

    /** @param api where the admin APIs are, as {@code NEXIDCTL_API} takes it */
    public AdminCommandLine(Path configDir, String api) {
        this(configDir, Map.of("NEXIDCTL_API", api));
    }

    private AdminCommandLine(Path configDir, Map<String, String> variables) {
        this.configDir = configDir;
        this.variables = Map.copyOf(variables);
    }

    /** The same command line with one more environment variable (e.g. {@code NEXIDCTL_CLIENT_SECRET}). */
    public AdminCommandLine withVariable(String name, String value) {
        var more = new HashMap<>(variables);
        more.put(name, value);
        return new AdminCommandLine(configDir, more);
    }

    public Path configDir() {
        return configDir;
    }

    /** One run: its status, standard output and standard error. */
    public record Run(int status, String out, String err) {

        /** @return the output of a run that succeeded */
        public String ok() {
            if (status != 0) {
                throw new IllegalStateException("nexidctl exited " + status + ": " + err);
            }
            return out;
        }
    }

    public Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var status = Nexidctl.run(environment(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * {@code nexidctl login} with the tenant's admin client; the person opens the link it shows, signs in and
     * approves.
     */
    public Run signIn(PlatformApi.Tenant tenant, String email, String password) throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        var login = CompletableFuture.supplyAsync(() -> Nexidctl.run(
                environment(),
                new PrintWriter(out),
                new PrintWriter(err, true),
                "login",
                "--issuer",
                tenant.issuer(),
                "--client-id",
                tenant.adminClientId()));
        new HostedPages(tenant.issuer()).approveDevice(awaitLink(VERIFICATION, err, login), email, password);
        var status = login.get(SIGN_IN_WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * {@code nexidctl login --browser}: the person's browser opens the link it shows, signs in, and is sent back to the
     * loopback port nexidctl listens on.
     */
    public Run signInWithBrowser(PlatformApi.Tenant tenant, String email, String password) throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        var login = CompletableFuture.supplyAsync(() -> Nexidctl.run(
                environment(),
                new PrintWriter(out),
                new PrintWriter(err, true),
                "login",
                "--browser",
                "--issuer",
                tenant.issuer(),
                "--client-id",
                tenant.adminClientId()));
        var link = awaitLink(AUTHORIZATION, err, login);
        var callback = new HostedPages(tenant.issuer()).signInAt(link, email, password);
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the browser could not bring " + callback + " back to nexidctl (login "
                            + (login.isDone() ? "ended with " + login.getNow(-1) : "still waiting") + "): " + err,
                    e);
        }
        var status = login.get(SIGN_IN_WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Run(status, out.toString(), err.toString());
    }

    /** The session's access token, as nexidctl keeps it. */
    public String accessToken() throws Exception {
        return new ObjectMapper()
                .readTree(Files.readString(configDir.resolve("session.json")))
                .path("access_token")
                .asText();
    }

    /** The link nexidctl login shows the person, once it has. */
    private static String awaitLink(Pattern link, StringWriter err, CompletableFuture<Integer> login)
            throws InterruptedException {
        var deadline = Instant.now().plus(SIGN_IN_WAIT);
        Matcher shown;
        while (!(shown = link.matcher(err.toString())).find()) {
            if (login.isDone() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("nexidctl login showed no link to open: " + err);
            }
            Thread.sleep(50);
        }
        return shown.group(1);
    }

    private CtlEnvironment environment() {
        return new CtlEnvironment(configDir, variables, CtlEnvironment.newHttpClient());
    }
}
