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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        var login = startLogin(tenant);
        new HostedPages(tenant.issuer()).approveDevice(login.awaitLink(VERIFICATION), email, password);
        return login.end();
    }

    /**
     * {@code nexidctl login --browser}: the person's browser opens the link it shows, signs in, and is sent back to the
     * loopback port nexidctl listens on.
     */
    public Run signInWithBrowser(PlatformApi.Tenant tenant, String email, String password) throws Exception {
        var login = startLogin(tenant, "--browser");
        var link = login.awaitLink(AUTHORIZATION);
        var callback = new HostedPages(tenant.issuer()).signInAt(link, email, password);
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the browser could not bring " + callback + " back to nexidctl (login "
                            + (login.status().isDone()
                                    ? "ended with " + login.status().getNow(-1)
                                    : "still waiting")
                            + "): " + login.err(),
                    e);
        }
        return login.end();
    }

    /** The session's access token, as nexidctl keeps it. */
    public String accessToken() throws Exception {
        return new ObjectMapper()
                .readTree(Files.readString(configDir.resolve("session.json")))
                .path("access_token")
                .asText();
    }

    /** {@code nexidctl login} with the tenant's admin client, running until the person has signed in. */
    private Login startLogin(PlatformApi.Tenant tenant, String... options) {
        var args =
                new ArrayList<>(List.of("login", "--issuer", tenant.issuer(), "--client-id", tenant.adminClientId()));
        args.addAll(List.of(options));
        var out = new StringWriter();
        var err = new StringWriter();
        var status = CompletableFuture.supplyAsync(() -> Nexidctl.run(
                environment(), new PrintWriter(out), new PrintWriter(err, true), args.toArray(String[]::new)));
        return new Login(out, err, status);
    }

    /** A login under way: what it printed so far and its exit status to come. */
    private record Login(StringWriter out, StringWriter err, CompletableFuture<Integer> status) {

        /** The link the login shows the person, once it has. */
        String awaitLink(Pattern link) throws InterruptedException {
            var deadline = Instant.now().plus(SIGN_IN_WAIT);
            Matcher shown;
            while (!(shown = link.matcher(err.toString())).find()) {
                if (status.isDone() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("nexidctl login showed no link to open: " + err);
                }
                Thread.sleep(50);
            }
            return shown.group(1);
        }

        Run end() throws Exception {
            return new Run(status.get(SIGN_IN_WAIT.toSeconds(), TimeUnit.SECONDS), out.toString(), err.toString());
        }
    }

    private CtlEnvironment environment() {
        return new CtlEnvironment(configDir, variables, CtlEnvironment.newHttpClient());
    }
}
