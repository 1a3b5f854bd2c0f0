package io.nexidentity.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tenant issuer's OAuth endpoints as nexidctl uses them: discovery, the device grant (RFC 8628) or Authorization
 * Code + PKCE in a browser (RFC 8252) for people, client
 * credentials for service accounts and refresh tokens. Errors become the RFC 6749 {@code error} and its description.
 */
final class OAuthClient {

    static final String ADMIN_SCOPE = "nexidentity.admin";
    static final String PERSON_SCOPE = "openid offline_access " + ADMIN_SCOPE;
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BROWSER_WAIT = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Clock clock;

    OAuthClient(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The issuer's OpenID Provider Metadata; its {@code issuer} must be the one asked for (OIDC Discovery 4.3). */
    JsonNode discover(String issuer) {
        Urls.require("the issuer", issuer);
        var url = issuer + "/.well-known/openid-configuration";
        var response =
                send(HttpRequest.newBuilder(Urls.require("discovery", url)).GET());
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

    /** The endpoint a discovery document names, held to the same rules as the issuer. */
    static String endpoint(JsonNode metadata, String name) {
        var url = metadata.path(name).asText(null);
        if (url == null) {
            throw new CtlException(metadata.path("issuer").asText() + " offers no " + name);
        }
        Urls.require(name, url);
        return url;
    }

    /**
     * The device grant: asks for codes, shows the person where to approve them and polls (honouring {@code interval}
     * and {@code slow_down}) until the tokens come, the person refuses or the codes expire.
     */
    JsonNode signInWithDevice(JsonNode metadata, String clientId, PrintWriter prompt) {
        var endpoint = endpoint(metadata, "device_authorization_endpoint");
        var codes = expectOk(post(endpoint, Map.of("client_id", clientId, "scope", PERSON_SCOPE), null));
        for (var field : new String[] {"device_code", "user_code", "verification_uri"}) {
            if (codes.path(field).asText("").isEmpty()) {
                throw new CtlException(endpoint + " answered no " + field + " (RFC 8628 3.2)");
            }
        }
        var complete = codes.path("verification_uri_complete").asText(null);
        prompt.println("To sign in, open "
                + Output.sanitize(
                        complete != null
                                ? complete
                                : codes.path("verification_uri").asText()));
        prompt.println("and check that it shows the code "
                + Output.sanitize(codes.path("user_code").asText()) + " (only approve a code you asked for yourself).");
        prompt.println("Waiting for the approval...");
        prompt.flush();
        var interval = Duration.ofSeconds(Math.max(1, codes.path("interval").asLong(5)));
        var deadline = clock.instant().plusSeconds(codes.path("expires_in").asLong(600));
        var tokenEndpoint = endpoint(metadata, "token_endpoint");
        var poll = Map.of(
                "grant_type",
                DEVICE_GRANT,
                "device_code",
                codes.path("device_code").asText(),
                "client_id",
                clientId);
        while (true) {
            sleep(interval);
            if (clock.instant().isAfter(deadline)) {
                throw new CtlException("the code expired before it was approved: run nexidctl login again");
            }
            HttpResponse<String> response;
            try {
                response = post(tokenEndpoint, poll, null);
            } catch (CtlException unreachable) {
                // RFC 8628 3.5: a client that cannot reach the server backs off and tries again
                interval = interval.plusSeconds(5);
                continue;
            }
            if (response.statusCode() == 200) {
                return tokens(response);
            }
            switch (parse(response).path("error").asText()) {
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

    /**
     * Authorization Code + PKCE in the person's browser (RFC 8252): the code comes back to a loopback port opened for
     * this sign-in, checked against the request's {@code state} and the issuer ({@code iss}, RFC 9207).
     */
    JsonNode signInWithBrowser(JsonNode metadata, String clientId, PrintWriter prompt) {
        var authorizationEndpoint = endpoint(metadata, "authorization_endpoint");
        var tokenEndpoint = endpoint(metadata, "token_endpoint");
        var verifier = random();
        var state = random();
        try (var callback = LoopbackCallback.open(state)) {
            var request = new LinkedHashMap<String, String>();
            request.put("response_type", "code");
            request.put("client_id", clientId);
            request.put("redirect_uri", callback.redirectUri());
            request.put("scope", PERSON_SCOPE);
            request.put("state", state);
            request.put("code_challenge", challenge(verifier));
            request.put("code_challenge_method", "S256");
            prompt.println("To sign in, open this link in a browser on this machine:");
            prompt.println(authorizationEndpoint + "?" + form(request));
            prompt.println("Waiting for the browser...");
            prompt.flush();
            var answer = callback.await(BROWSER_WAIT);
            if (!state.equals(answer.get("state"))) {
                throw new CtlException(
                        "the browser brought an answer to another sign-in (state): run nexidctl login again");
            }
            if (!metadata.path("issuer").asText().equals(answer.get("iss"))) {
                throw new CtlException("the answer names another issuer (iss " + Output.sanitize(answer.get("iss"))
                        + "): run nexidctl login again");
            }
            if (answer.containsKey("error")) {
                throw new CtlException(Output.sanitize(answer.get("error")
                        + (answer.containsKey("error_description") ? ": " + answer.get("error_description") : "")));
            }
            var response = post(
                    tokenEndpoint,
                    Map.of(
                            "grant_type",
                            "authorization_code",
                            "code",
                            answer.getOrDefault("code", ""),
                            "redirect_uri",
                            callback.redirectUri(),
                            "code_verifier",
                            verifier,
                            "client_id",
                            clientId),
                    null);
            expectOk(response);
            return tokens(response);
        }
    }

    JsonNode clientCredentials(String tokenEndpoint, String clientId, String clientSecret) {
        var basic = Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        var response =
                post(tokenEndpoint, Map.of("grant_type", "client_credentials", "scope", ADMIN_SCOPE), "Basic " + basic);
        expectOk(response);
        return tokens(response);
    }

    JsonNode refresh(String tokenEndpoint, String clientId, String refreshToken) {
        if (refreshToken == null) {
            throw new CtlException("the sign-in has expired and the issuer gave no refresh token: run nexidctl login");
        }
        var response = post(
                tokenEndpoint,
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId),
                null);
        if (response.statusCode() == 400
                && "invalid_grant".equals(parse(response).path("error").asText())) {
            throw new CtlException("the sign-in has ended (" + description(response) + "): run nexidctl login again");
        }
        expectOk(response);
        return tokens(response);
    }

    /** Revokes a refresh token (RFC 7009). */
    void revoke(String issuer, String clientId, String refreshToken) {
        var endpoint = endpoint(discover(issuer), "revocation_endpoint");
        expectOk(post(
                endpoint,
                Map.of("token", refreshToken, "token_type_hint", "refresh_token", "client_id", clientId),
                null));
    }

    private HttpResponse<String> post(String url, Map<String, String> form, String authorization) {
        var request = HttpRequest.newBuilder(Urls.require("the endpoint", url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        var built = request.timeout(REQUEST_TIMEOUT).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CtlException("cannot reach " + built.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException("interrupted");
        }
    }

    /** A successful token answer: a Bearer access token (RFC 6749 5.1). */
    private static JsonNode tokens(HttpResponse<String> response) {
        var tokens = parse(response);
        if (tokens.path("access_token").asText("").isEmpty()
                || !"bearer".equalsIgnoreCase(tokens.path("token_type").asText())) {
            throw new CtlException(response.uri() + " answered no Bearer access token");
        }
        return tokens;
    }

    private static JsonNode expectOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw oauthError(response);
        }
        return parse(response);
    }

    private static CtlException oauthError(HttpResponse<String> response) {
        return new CtlException(response.uri() + " answered " + response.statusCode() + ": " + description(response));
    }

    private static String description(HttpResponse<String> response) {
        JsonNode error;
        try {
            error = JSON.readTree(response.body());
        } catch (IOException e) {
            return "no OAuth error";
        }
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

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** 256 random bits, base64url: a PKCE verifier (RFC 7636 4.1) or a state. */
    private static String random() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
