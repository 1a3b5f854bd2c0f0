package io.nexidentity.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tenant issuer's OAuth endpoints as nexidctl uses them: discovery, the device grant (RFC 8628) for people, client
 * credentials for service accounts and refresh tokens. Errors become the RFC 6749 {@code error} and its description.
 */
final class OAuthClient {

    static final String ADMIN_SCOPE = "nexidentity.admin";
    static final String PERSON_SCOPE = "openid offline_access " + ADMIN_SCOPE;
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Clock clock;

    OAuthClient(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The issuer's OpenID Provider Metadata; its {@code issuer} must be the one asked for (OIDC Discovery 4.3). */
    JsonNode discover(String issuer) {
        var url = issuer + "/.well-known/openid-configuration";
        var response = send(HttpRequest.newBuilder(uri(url)).GET());
        if (response.statusCode() != 200) {
            throw new CtlException(
                    "no OpenID provider at " + issuer + " (" + url + " answered " + response.statusCode() + ")");
        }
        var metadata = parse(response);
        if (!issuer.equals(metadata.path("issuer").asText())) {
            throw new CtlException(
                    url + " names the issuer " + metadata.path("issuer").asText() + ", not " + issuer);
        }
        return metadata;
    }

    /**
     * The device grant: asks for codes, shows the person where to approve them and polls (honouring {@code interval}
     * and {@code slow_down}) until the tokens come, the person refuses or the codes expire.
     */
    JsonNode signInWithDevice(JsonNode metadata, String clientId, PrintWriter prompt) {
        var endpoint = metadata.path("device_authorization_endpoint").asText(null);
        if (endpoint == null) {
            throw new CtlException(metadata.path("issuer").asText() + " offers no device authorization endpoint");
        }
        var codes = expectOk(post(endpoint, Map.of("client_id", clientId, "scope", PERSON_SCOPE), null));
        var complete = codes.path("verification_uri_complete").asText(null);
        prompt.println("To sign in, open "
                + (complete != null ? complete : codes.path("verification_uri").asText()));
        prompt.println("and check that it shows the code "
                + codes.path("user_code").asText() + " (only approve a code you asked for yourself).");
        prompt.println("Waiting for the approval...");
        prompt.flush();
        var interval = Duration.ofSeconds(Math.max(1, codes.path("interval").asLong(5)));
        var deadline = clock.instant().plusSeconds(codes.path("expires_in").asLong(600));
        var tokenEndpoint = metadata.path("token_endpoint").asText();
        while (true) {
            sleep(interval);
            if (clock.instant().isAfter(deadline)) {
                throw new CtlException("the code expired before it was approved: run nexidctl login again");
            }
            var response = post(
                    tokenEndpoint,
                    Map.of(
                            "grant_type", DEVICE_GRANT,
                            "device_code", codes.path("device_code").asText(),
                            "client_id", clientId),
                    null);
            if (response.statusCode() == 200) {
                return parse(response);
            }
            var error = parse(response).path("error").asText();
            switch (error) {
                case "authorization_pending" -> {}
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" ->
                    throw new CtlException(
                            "access_denied: the sign-in was refused, or the account holds no admin role in this tenant");
                case "expired_token" ->
                    throw new CtlException("the code expired before it was approved: run nexidctl login again");
                default -> throw oauthError(response);
            }
        }
    }

    JsonNode clientCredentials(String tokenEndpoint, String clientId, String clientSecret) {
        var basic = Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        return expectOk(post(
                tokenEndpoint, Map.of("grant_type", "client_credentials", "scope", ADMIN_SCOPE), "Basic " + basic));
    }

    JsonNode refresh(String tokenEndpoint, String clientId, String refreshToken) {
        var response = post(
                tokenEndpoint,
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId),
                null);
        if (response.statusCode() == 400
                && "invalid_grant".equals(parse(response).path("error").asText())) {
            throw new CtlException("the sign-in has ended (" + description(response) + "): run nexidctl login again");
        }
        return expectOk(response);
    }

    /** Revokes a refresh token (RFC 7009); the session file is deleted whatever the issuer answers. */
    void revoke(String issuer, String clientId, String refreshToken) {
        var endpoint = discover(issuer).path("revocation_endpoint").asText(null);
        if (endpoint != null) {
            post(
                    endpoint,
                    Map.of("token", refreshToken, "token_type_hint", "refresh_token", "client_id", clientId),
                    null);
        }
    }

    private HttpResponse<String> post(String url, Map<String, String> form, String authorization) {
        var body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(uri(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CtlException("cannot reach " + request.build().uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted");
        }
    }

    private JsonNode expectOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw oauthError(response);
        }
        return parse(response);
    }

    private static CtlException oauthError(HttpResponse<String> response) {
        return new CtlException(response.uri() + " answered " + response.statusCode() + ": " + description(response));
    }

    private static String description(HttpResponse<String> response) {
        var error = parse(response);
        var description = error.path("error_description").asText(null);
        return error.path("error").asText("no OAuth error") + (description == null ? "" : ": " + description);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CtlException(response.uri() + " answered " + response.statusCode() + " with no JSON");
        }
    }

    private static URI uri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CtlException("not a URL: " + url);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted");
        }
    }
}
