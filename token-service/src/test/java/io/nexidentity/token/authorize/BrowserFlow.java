package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.token.TokenFixture;

/**
 * A browser and a relying party walking the authorization code flow against the tenant's issuer on the real
 * token-service: the browser keeps its cookies, the relying party its PKCE verifier. Redirects are never followed, so
 * each step can be checked.
 */
final class BrowserFlow {

    static final String CALLBACK = "https://app.example/callback";
    static final String CSRF_COOKIE = "nexid_csrf";
    static final String LOGGED_OUT = "https://app.example/signed-out";
    private static final Pattern HIDDEN = Pattern.compile("name=\"(request_id|csrf_token)\" value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    final TokenFixture fixture;
    final String clientId;
    final String clientSecret;
    final String applicationKey;
    final String applicationId;
    final String applicationName;
    final Map<String, String> cookies = new HashMap<>();
    String verifier;

    private BrowserFlow(
            TokenFixture fixture,
            String clientId,
            String clientSecret,
            String applicationKey,
            String applicationId,
            String applicationName) {
        this.fixture = fixture;
        this.applicationName = applicationName;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.applicationKey = applicationKey;
        this.applicationId = applicationId;
    }

    /** Another browser, without cookies, for the same relying party. */
    BrowserFlow(BrowserFlow relyingParty) {
        this(
                relyingParty.fixture,
                relyingParty.clientId,
                relyingParty.clientSecret,
                relyingParty.applicationKey,
                relyingParty.applicationId,
                relyingParty.applicationName);
    }

    /** A tenant with an interactive web client registered for {@link #CALLBACK}. */
    static BrowserFlow start() {
        return start(Map.of());
    }

    /** The same, with more of the client's registration (e.g. its {@code scopes}). */
    static BrowserFlow start(Map<String, Object> registration) {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application();
        var request = new LinkedHashMap<String, Object>(Map.of(
                "application_id",
                application.getString("application_id"),
                "name",
                "web",
                "profile",
                "interactive_web",
                "redirect_uris",
                List.of(CALLBACK),
                "post_logout_redirect_uris",
                List.of(LOGGED_OUT)));
        request.putAll(registration);
        var client = fixture.client(request);
        return new BrowserFlow(
                fixture,
                client.getString("client_id"),
                client.getString("client_secret"),
                application.getString("key"),
                application.getString("application_id"),
                application.getString("name"));
    }

    /** The authorization request's parameters, with a fresh PKCE pair. */
    Map<String, String> request(String scope) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", CALLBACK);
        params.put("scope", scope);
        params.put("state", "state-" + UUID.randomUUID());
        params.put("nonce", "nonce-" + UUID.randomUUID());
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        return params;
    }

    Response authorize(Map<String, String> params) {
        var response = fixture.oauth()
                .redirects()
                .follow(false)
                .cookies(cookies)
                .queryParams(params)
                .get("/authorize");
        keepCookies(response);
        return response;
    }

    /** Submits the sign-in page that {@code page} shows. */
    Response signIn(Response page, String username, String password) {
        var hidden = hiddenFields(page.asString());
        var response = fixture.oauth()
                .redirects()
                .follow(false)
                .cookies(cookies)
                .contentType(ContentType.URLENC)
                .formParam("request_id", hidden.get("request_id"))
                .formParam("csrf_token", hidden.get("csrf_token"))
                .formParam("username", username)
                .formParam("password", password)
                .post("/authorize/sign-in");
        keepCookies(response);
        return response;
    }

    /** Signs the tenant's admin in and returns the code the browser brings back (checking state and the issuer). */
    String code(Map<String, String> params) {
        var page = authorize(params);
        var redirect =
                page.statusCode() == 200 ? signIn(page, fixture.tenant().adminEmail(), TenantFixture.PASSWORD) : page;
        var query = callbackQuery(redirect);
        assertThat(query).containsEntry("state", params.get("state"));
        assertThat(query).containsEntry("iss", fixture.issuer());
        return query.get("code");
    }

    Response exchange(String code, String redirectUri, String codeVerifier) {
        return fixture.oauth()
                .auth()
                .preemptive()
                .basic(clientId, clientSecret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", redirectUri)
                .formParam("code_verifier", codeVerifier)
                .post("/token");
    }

    JsonPath tokens(String scope) {
        var params = request(scope);
        return exchange(code(params), CALLBACK, verifier)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    Response refresh(String refreshToken) {
        return fixture.oauth()
                .auth()
                .preemptive()
                .basic(clientId, clientSecret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .post("/token");
    }

    Response revoke(String token) {
        return fixture.oauth()
                .auth()
                .preemptive()
                .basic(clientId, clientSecret)
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("/revoke");
    }

    boolean active(String accessToken) {
        return fixture.oauth()
                .auth()
                .preemptive()
                .basic(clientId, clientSecret)
                .contentType(ContentType.URLENC)
                .formParam("token", accessToken)
                .post("/introspect")
                .then()
                .statusCode(200)
                .extract()
                .<Boolean>path("active");
    }

    /** The query of a redirect to {@link #CALLBACK}. */
    static Map<String, String> callbackQuery(Response redirect) {
        assertThat(redirect.statusCode()).as(redirect.asString()).isIn(302, 303);
        var location = URI.create(redirect.header("Location"));
        assertThat(location.getScheme() + "://" + location.getHost() + location.getPath())
                .isEqualTo(CALLBACK);
        var query = new HashMap<String, String>();
        for (var pair : location.getRawQuery().split("&")) {
            var parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    static Map<String, String> hiddenFields(String html) {
        var fields = new HashMap<String, String>();
        var matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        assertThat(fields).containsKeys("request_id", "csrf_token");
        return fields;
    }

    static String challenge(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void keepCookies(Response response) {
        response.getDetailedCookies().asList().forEach(cookie -> {
            if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        });
    }
}
