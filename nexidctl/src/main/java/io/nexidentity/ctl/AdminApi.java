package io.nexidentity.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The admin APIs with the session's token: each path goes to the service that serves it (behind an ingress they all
 * share one URL; {@code NEXIDCTL_API} or {@code login --api} name them one by one otherwise). The token is renewed
 * shortly before it expires; an answer other than 2xx becomes its RFC 9457 problem as one line.
 */
final class AdminApi {

    /** The first segment of each admin path and the service that serves it. */
    static final Map<String, String> SERVICE_OF_PATH = Map.ofEntries(
            Map.entry("tenant", "tenant-service"),
            Map.entry("tenants", "tenant-service"),
            Map.entry("organizations", "tenant-service"),
            Map.entry("users", "tenant-service"),
            Map.entry("memberships", "tenant-service"),
            Map.entry("roles", "tenant-service"),
            Map.entry("plans", "tenant-service"),
            Map.entry("applications", "application-service"),
            Map.entry("application-usage", "application-service"),
            Map.entry("manifest-settings", "application-service"),
            Map.entry("manifests", "application-service"),
            Map.entry("clients", "client-service"),
            Map.entry("audit-events", "audit-service"),
            Map.entry("audit-chain", "audit-service"),
            Map.entry("webhook-endpoints", "webhook-dispatcher"),
            Map.entry("webhook-deliveries", "webhook-dispatcher"));
    /** The key of {@link Session#api()} for every service not named on its own. */
    static final String ALL_SERVICES = "*";

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CtlEnvironment environment;
    private final SessionStore store;
    private final OAuthClient oauth;
    private final Clock clock;
    private Session session;

    AdminApi(CtlEnvironment environment, Clock clock) {
        this.environment = environment;
        this.store = new SessionStore(environment.configDir());
        this.oauth = new OAuthClient(environment.http(), clock);
        this.clock = clock;
    }

    JsonNode get(String path, Map<String, String> query) {
        return json(send("GET", path + queryString(query), null));
    }

    JsonNode post(String path, Object body) {
        return json(send("POST", path, body));
    }

    JsonNode put(String path, Object body) {
        return json(send("PUT", path, body));
    }

    JsonNode patch(String path, Object body) {
        return json(send("PATCH", path, body));
    }

    void delete(String path) {
        send("DELETE", path, null);
    }

    /** Copies the answer's body, of media type {@code accept}, as it arrives (an export can be large). */
    void download(String path, Map<String, String> query, String accept, OutputStream out) {
        var response =
                exchange("GET", path + queryString(query), null, accept, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            body.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new CtlException("the download from " + response.uri() + " broke off: " + e.getMessage());
        }
    }

    /** Parses {@code NEXIDCTL_API} or {@code --api}: a URL for every service, then {@code service=URL} pairs. */
    static Map<String, String> parseApi(String value) {
        var api = new LinkedHashMap<String, String>();
        for (var part : value.split(",")) {
            var entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            var equals = entry.indexOf('=');
            if (equals < 0) {
                Urls.require("the admin API", entry);
                api.put(ALL_SERVICES, stripSlash(entry));
            } else {
                var service = entry.substring(0, equals).trim();
                if (!SERVICE_OF_PATH.containsValue(service)) {
                    throw new CtlException("unknown service " + service + " in " + value + " (services: "
                            + String.join(", ", new java.util.TreeSet<>(SERVICE_OF_PATH.values())) + ")");
                }
                var url = entry.substring(equals + 1).trim();
                Urls.require(service, url);
                api.put(service, stripSlash(url));
            }
        }
        return api;
    }

    /** The origin of a URL: where the platform's ingress serves the admin APIs next to the issuer. */
    static String originOf(String url) {
        var uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    String urlOf(String path) {
        var segment = path.substring("/v1/".length()).split("[/?]", 2)[0];
        var service = SERVICE_OF_PATH.get(segment);
        var api = new LinkedHashMap<>(session().api());
        var fromEnvironment = environment.variable("NEXIDCTL_API");
        if (fromEnvironment != null) {
            api.putAll(parseApi(fromEnvironment));
        }
        var base = api.getOrDefault(service, api.get(ALL_SERVICES));
        if (base == null) {
            throw new CtlException("no URL for " + service + ": log in with --api, or set NEXIDCTL_API");
        }
        return base + path;
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        var response = exchange(method, path, body, "application/json", HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw problem(response.statusCode(), response.body());
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(
            String method, String path, Object body, String accept, HttpResponse.BodyHandler<T> handler) {
        var url = urlOf(path);
        var request = HttpRequest.newBuilder(Urls.require("the admin API", url))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + accessToken())
                .header("Accept", accept + ", application/problem+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        try {
            return environment.http().send(request.build(), handler);
        } catch (IOException e) {
            throw new CtlException("cannot reach " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted");
        }
    }

    private Session session() {
        if (session == null) {
            session = store.load();
        }
        return session;
    }

    private String accessToken() {
        if (session().expiresBefore(clock.instant().plus(RENEW_BEFORE))) {
            session = store.locked(() -> {
                var latest = store.load();
                return latest.expiresBefore(clock.instant().plus(RENEW_BEFORE)) ? renewed(latest) : latest;
            });
        }
        return session.accessToken();
    }

    /** New tokens for {@code current}, saved; called holding the session lock. */
    private Session renewed(Session current) {
        JsonNode tokens;
        if (Session.PERSON.equals(current.kind())) {
            tokens = oauth.refresh(current.tokenEndpoint(), current.clientId(), current.refreshToken());
        } else {
            var secret = environment.variable("NEXIDCTL_CLIENT_SECRET");
            if (secret == null) {
                throw new CtlException("the service account's token has expired: set NEXIDCTL_CLIENT_SECRET to renew"
                        + " it, or run nexidctl login again");
            }
            tokens = oauth.clientCredentials(current.tokenEndpoint(), current.clientId(), secret);
        }
        var renewed = current.withTokens(
                tokens.path("access_token").asText(),
                tokens.path("refresh_token").asText(null),
                clock.instant().getEpochSecond() + tokens.path("expires_in").asLong(60));
        store.save(renewed);
        return renewed;
    }

    /** One line out of a problem+json answer: status, title, detail and the fields at fault. */
    static CtlException problem(int status, String body) {
        JsonNode problem;
        try {
            problem = body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            problem = MissingNode.getInstance();
        }
        var message = new StringBuilder().append(status);
        var title = problem.path("title").asText(null);
        if (title != null) {
            message.append(' ').append(title);
        }
        var type = problem.path("type").asText("");
        if (type.contains("/problems/")) {
            message.append(" (")
                    .append(type.substring(type.lastIndexOf('/') + 1))
                    .append(')');
        }
        var detail = problem.path("detail").asText(null);
        if (detail != null) {
            message.append(": ").append(detail);
        }
        for (var error : problem.path("errors")) {
            message.append("\n  ")
                    .append(error.path("field").asText())
                    .append(": ")
                    .append(error.path("detail").asText());
        }
        return new CtlException(message.toString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.body() == null || response.body().isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CtlException(response.uri() + " answered with no JSON");
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        var joined = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> {
            if (value != null) {
                joined.add(encode(name) + "=" + encode(value));
            }
        });
        return joined.length() == 1 ? "" : joined.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
