package io.nexidentity.quickstart;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a person does in a browser on a tenant's hosted pages (under its issuer on the token-service), done headlessly
 * over HTTP: the sign-in form of the authorization code flow and the device verification page. Cookies are kept as a
 * browser would keep them. The quickstart and the example tenant backend's tests sign users in with it.
 */
public final class HostedPages {

    public static final String CALLBACK = "http://localhost:3000/callback";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HIDDEN =
            Pattern.compile("name=\"(request_id|csrf_token|user_code)\" value=\"([^\"]+)\"");

    private final String issuer;

    /** The hosted pages of the tenant whose issuer is {@code issuer}. */
    public HostedPages(String issuer) {
        this.issuer = issuer;
    }

    /** Authorization Code + PKCE for an interactive client: sign-in form, callback (state and iss checked), exchange. */
    public JsonNode signIn(JsonNode client, String email, String password, String scope) throws Exception {
        var verifier = random();
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", client.get("client_id").asText());
        params.put("redirect_uri", CALLBACK);
        params.put("scope", scope);
        params.put("state", random());
        params.put("nonce", random());
        params.put("code_challenge", sha256(verifier));
        params.put("code_challenge_method", "S256");
        var location = signInAt(issuer + "/authorize?" + form(params), email, password);
        var query = query(URI.create(location).getRawQuery());
        if (!params.get("state").equals(query.get("state")) || !issuer.equals(query.get("iss"))) {
            throw new IllegalStateException("the authorization response is not for this request: " + location);
        }
        if (query.containsKey("error")) {
            throw new IllegalStateException("the authorization was refused: " + location);
        }
        var exchange = new LinkedHashMap<String, String>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", query.get("code"));
        exchange.put("redirect_uri", CALLBACK);
        exchange.put("code_verifier", verifier);
        return tokenRequest(client, exchange);
    }

    /**
     * A person's browser following an authorization request's URL: the sign-in page, the credentials. @return where the
     * browser is sent next (the client's redirect URI with the answer)
     */
    public String signInAt(String authorizationUrl, String email, String password) throws Exception {
        var page = get(authorizationUrl, null);
        var submitted = new LinkedHashMap<>(hiddenFields(page));
        submitted.put("username", email);
        submitted.put("password", password);
        var redirect = post(issuer + "/authorize/sign-in", cookie(page, "nexid_csrf"), form(submitted));
        return redirect.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("sign-in did not redirect: " + redirect.body()));
    }

    /** The device asks for codes (RFC 8628 3.1). */
    public JsonNode deviceAuthorization(JsonNode client, String scope) throws Exception {
        var response = HTTP.send(
                PlatformApi.request(issuer + "/device_authorization")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic(client))
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("scope", scope))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("device authorization failed: " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A person opens the verification URI the device shows, signs in and allows the device. */
    public void approveDevice(String verificationUriComplete, String email, String password) throws Exception {
        var page = get(verificationUriComplete, null);
        var decision = new LinkedHashMap<>(hiddenFields(page));
        decision.put("decision", "approve");
        decision.put("username", email);
        decision.put("password", password);
        var done = post(issuer + "/device", cookie(page, "nexid_device_csrf"), form(decision));
        if (done.statusCode() != 200 || !done.body().contains("Device connected")) {
            throw new IllegalStateException("the device was not approved: " + done.statusCode() + " " + done.body());
        }
    }

    /** The device's poll after the approval: its tokens. */
    public JsonNode deviceTokens(JsonNode client, String deviceCode) throws Exception {
        return tokenRequest(
                client,
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", deviceCode));
    }

    private JsonNode tokenRequest(JsonNode client, Map<String, String> params) throws Exception {
        var response = HTTP.send(
                PlatformApi.request(issuer + "/token")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic(client))
                        .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the token request failed: " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        var request = PlatformApi.request(url);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static HttpResponse<String> post(String url, String cookie, String form) throws Exception {
        return HTTP.send(
                PlatformApi.request(url)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> hiddenFields(HttpResponse<String> page) {
        var fields = new TreeMap<String, String>();
        var matcher = HIDDEN.matcher(page.body());
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    private static String cookie(HttpResponse<String> page, String name) {
        return page.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the page set no " + name + " cookie"));
    }

    private static String basic(JsonNode client) {
        return "Basic "
                + PlatformApi.basic(
                        client.get("client_id").asText(),
                        client.get("client_secret").asText());
    }

    private static String sha256(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String random() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        var query = new LinkedHashMap<String, String>();
        for (var pair : raw.split("&")) {
            var parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
