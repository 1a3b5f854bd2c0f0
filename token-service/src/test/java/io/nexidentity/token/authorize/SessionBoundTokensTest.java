package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Refresh tokens belong to the session the user signed in with (OpenID Connect Core section 11): ending the session
 * ends them, with the access tokens they issued, unless offline access was granted; every family ends at a fixed time;
 * and a replay racing the request it replays still revokes what that request issued.
 */
@QuarkusTest
class SessionBoundTokensTest {

    private static final String SCOPE = "openid profile email tenant_context";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Test
    void refreshWhenSessionLoggedOutThenRefusedAndItsAccessTokenInactive() {
        var flow = BrowserFlow.start();
        var tokens = flow.tokens(SCOPE);
        assertThat(flow.active(tokens.getString("access_token"))).isTrue();

        logout(flow, Map.of("id_token_hint", tokens.getString("id_token")))
                .then()
                .statusCode(200);

        flow.refresh(tokens.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        assertThat(flow.active(tokens.getString("access_token"))).isFalse();
    }

    @Test
    void refreshWhenOfflineAccessGrantedThenItOutlivesLogoutWhileTheSessionsOtherTokensDoNot() {
        var flow = BrowserFlow.start(
                Map.of("scopes", List.of("openid", "profile", "email", "tenant_context", "offline_access")));
        var offline = flow.tokens(SCOPE + " offline_access");
        var online = flow.tokens(SCOPE);

        logout(flow, Map.of("id_token_hint", online.getString("id_token")))
                .then()
                .statusCode(200);

        flow.refresh(online.getString("refresh_token")).then().statusCode(400);
        var refreshed = flow.refresh(offline.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(flow.active(refreshed.getString("access_token"))).isTrue();
        assertThat(refreshed.getString("scope")).contains("offline_access");
    }

    @Test
    void logoutWhenNoIdTokenHintThenOnlyTheConfirmationFormSignsOut() {
        var flow = BrowserFlow.start();
        var tokens = flow.tokens(SCOPE);

        var page = logout(flow, Map.of());
        page.then()
                .statusCode(200)
                .body(containsString("<form method=\"post\" action=\"" + flow.fixture.issuerPath() + "/logout\">"))
                .body(containsString("name=\"csrf_token\""));
        var csrf = hiddenValue(page.asString(), "csrf_token");
        var csrfCookie = page.getCookie("nexid_logout_csrf");
        // Neither the plain link nor a cross-site form post (no CSRF cookie) signed anyone out.
        flow.fixture
                .oauth()
                .cookies(flow.cookies)
                .contentType(ContentType.URLENC)
                .formParam("csrf_token", csrf)
                .post("/logout")
                .then()
                .statusCode(200)
                .body(containsString("Sign out?"));
        var renewed = flow.refresh(tokens.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        flow.fixture
                .oauth()
                .cookies(flow.cookies)
                .cookie("nexid_logout_csrf", csrfCookie)
                .contentType(ContentType.URLENC)
                .formParam("csrf_token", csrf)
                .post("/logout")
                .then()
                .statusCode(200)
                .body(containsString("You are signed out"));
        flow.refresh(renewed.getString("refresh_token")).then().statusCode(400);
        assertThat(flow.active(renewed.getString("access_token"))).isFalse();
    }

    @Test
    void refreshWhenUserChangedPasswordThenSessionTokensRevoked() {
        var flow = BrowserFlow.start();
        var tokens = flow.tokens(SCOPE);

        flow.fixture
                .adminAt("tenant-service")
                .body(Map.of("password", "a brand new passphrase for uma"))
                .put("/v1/users/" + flow.fixture.tenant().userId() + "/password")
                .then()
                .statusCode(200);

        await().atMost(PATIENCE).until(() -> !flow.active(tokens.getString("access_token")));
        flow.refresh(tokens.getString("refresh_token")).then().statusCode(400);
    }

    @Test
    void refreshWhenFamilyReachedItsEndThenRefusedHoweverRecentlyRotated() {
        var flow = BrowserFlow.start();
        var tokens = flow.tokens(SCOPE);
        var family = pool.preparedQuery("select f.id, f.expires_at <= s.expires_at as within_session"
                        + " from token_family f join sso_session s on s.sid = f.sid where f.client_id = $1")
                .execute(Tuple.of(flow.clientId))
                .await()
                .atMost(PATIENCE)
                .iterator()
                .next();
        assertThat(family.getBoolean("within_session")).isTrue();
        var rotated = flow.refresh(tokens.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .<String>path("refresh_token");

        pool.preparedQuery("update token_family set expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(family.getString("id")))
                .await()
                .atMost(PATIENCE);

        flow.refresh(rotated).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshWhenTheSameTokenIsUsedConcurrentlyThenNothingIssuedByAnyOfThemSurvives() throws Exception {
        var flow = BrowserFlow.start();
        var refreshToken = flow.tokens(SCOPE).getString("refresh_token");

        var responses = concurrently(8, () -> flow.refresh(refreshToken));

        assertThat(responses).anyMatch(response -> response.statusCode() == 400);
        for (var response : responses) {
            if (response.statusCode() == 200) {
                assertThat(flow.active(response.path("access_token"))).isFalse();
                flow.refresh(response.path("refresh_token")).then().statusCode(400);
            }
        }
    }

    @Test
    void exchangeWhenTheSameCodeIsRedeemedConcurrentlyThenNothingIssuedFromItSurvives() throws Exception {
        var flow = BrowserFlow.start();
        var params = flow.request(SCOPE);
        var code = flow.code(params);
        var verifier = flow.verifier;

        var responses = concurrently(8, () -> flow.exchange(code, BrowserFlow.CALLBACK, verifier));

        assertThat(responses.stream().filter(response -> response.statusCode() == 200))
                .hasSizeLessThanOrEqualTo(1);
        for (var response : responses) {
            if (response.statusCode() == 200) {
                assertThat(flow.active(response.path("access_token"))).isFalse();
                flow.refresh(response.path("refresh_token")).then().statusCode(400);
            }
        }
    }

    private static List<Response> concurrently(int count, Callable<Response> request) throws Exception {
        var executor = Executors.newFixedThreadPool(count);
        try {
            var futures = executor.invokeAll(java.util.Collections.nCopies(count, request));
            var responses = new ArrayList<Response>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Response logout(BrowserFlow flow, Map<String, String> params) {
        return flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .cookies(flow.cookies)
                .queryParams(params)
                .get("/logout");
    }

    private static String hiddenValue(String html, String name) {
        var marker = "name=\"" + name + "\" value=\"";
        var start = html.indexOf(marker) + marker.length();
        return html.substring(start, html.indexOf('"', start));
    }
}
