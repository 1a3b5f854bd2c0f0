package io.nexidentity.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "login",
        description = {
            "Sign in to a tenant's admin APIs and keep the session in the config directory (mode 600).",
            "A person signs in with the tenant's admin client (nxa-<tenant id>, from the registration answer's"
                    + " admin_sign_in) through the device grant: open the link shown, check the code, sign in and"
                    + " approve; or, with --browser, in a browser on this machine.",
            "A service account (an automation client granted admin permissions) signs in with its secret, read from"
                    + " NEXIDCTL_CLIENT_SECRET or, with --client-secret-stdin, from the first line of standard input."
        })
final class LoginCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--issuer",
            required = true,
            description = "the tenant's issuer, e.g. https://id.example.com/t/acme")
    String issuer;

    @Option(
            names = "--client-id",
            required = true,
            description = "nxa-<tenant id> for a person, a service account's nxc-... id")
    String clientId;

    @Option(
            names = "--api",
            description = "where the admin APIs are: one URL (default: the issuer's origin, where the platform's"
                    + " ingress serves them) or service=URL pairs, comma-separated")
    String api;

    @Option(names = "--client-secret-stdin", description = "read a service account's secret from standard input")
    boolean secretFromStdin;

    @Option(
            names = "--browser",
            description = "sign a person in with a browser on this machine (Authorization Code + PKCE, the answer"
                    + " coming back to a loopback port) instead of the device grant")
    boolean browser;

    @Spec
    CommandSpec spec;

    private final CtlEnvironment environment;

    LoginCommand(CtlEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        var clock = Clock.systemUTC();
        var issuerUrl = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        var oauth = new OAuthClient(environment.http(), clock);
        var metadata = oauth.discover(issuerUrl);
        var err = spec.commandLine().getErr();
        JsonNode tokens;
        String kind;
        if (clientId.startsWith("nxa-")) {
            kind = Session.PERSON;
            tokens = browser
                    ? oauth.signInWithBrowser(metadata, clientId, err)
                    : oauth.signInWithDevice(metadata, clientId, err);
        } else if (browser) {
            throw new CtlException("--browser signs a person in, with the admin client nxa-<tenant id>");
        } else {
            kind = Session.SERVICE;
            tokens = oauth.clientCredentials(metadata.path("token_endpoint").asText(), clientId, secret());
        }
        var apiUrls = new LinkedHashMap<String, String>();
        apiUrls.put(AdminApi.ALL_SERVICES, AdminApi.originOf(issuerUrl));
        if (api != null) {
            apiUrls.putAll(AdminApi.parseApi(api));
        }
        var session = new Session(
                kind,
                issuerUrl,
                clientId,
                metadata.path("token_endpoint").asText(),
                apiUrls,
                tokens.path("access_token").asText(),
                tokens.path("refresh_token").asText(null),
                clock.instant().getEpochSecond() + tokens.path("expires_in").asLong(60));
        var store = new SessionStore(environment.configDir());
        store.save(session);
        var claims = claims(session.accessToken());
        var who = Session.PERSON.equals(kind)
                ? "user " + claims.path("user_id").asText() + " (membership "
                        + claims.path("membership_id").asText() + ")"
                : "service account " + clientId;
        var out = spec.commandLine().getOut();
        out.println("Signed in to " + issuerUrl + " as " + who + ", tenant "
                + claims.path("tenant_id").asText());
        out.println(
                "Permissions: " + (claims.has("permissions") ? join(claims.get("permissions")) : "all (bootstrap)"));
        out.println("Session kept in " + store.file());
        out.flush();
        return 0;
    }

    private String secret() throws IOException {
        String secret;
        if (secretFromStdin) {
            secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } else {
            secret = environment.variable("NEXIDCTL_CLIENT_SECRET");
        }
        if (secret == null || secret.isBlank()) {
            throw new CtlException("a service account signs in with its secret: set NEXIDCTL_CLIENT_SECRET or pass"
                    + " --client-secret-stdin");
        }
        return secret.strip();
    }

    /** The token's claims, to say who signed in; the services verify it, nexidctl only reads it. */
    private static JsonNode claims(String jwt) {
        var parts = jwt.split("\\.");
        if (parts.length != 3) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    private static String join(JsonNode values) {
        var joined = new StringBuilder();
        values.forEach(value -> joined.append(joined.isEmpty() ? "" : " ").append(value.asText()));
        return joined.toString();
    }
}
