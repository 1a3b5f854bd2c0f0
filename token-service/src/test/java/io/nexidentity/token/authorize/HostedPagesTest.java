package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.token.TokenFixture;

@QuarkusTest
class HostedPagesTest {

    private static final String SCOPE = "openid";

    @Test
    void signInPageWhenBrandedThenTheTenantAndTheApplicationAreNamedInTheirColours() {
        var flow = BrowserFlow.start();
        brand(
                flow,
                Map.of(
                        "display_name", "Acme <Staff>",
                        "logo_url", "https://cdn.acme.example/logo.svg",
                        "primary_colour", "#0b5394",
                        "support_url", "mailto:it-help@acme.example"));

        var page = flow.authorize(flow.request(SCOPE));

        page.then()
                .statusCode(200)
                .header("Content-Security-Policy", startsWith("default-src 'none';"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .header("Content-Security-Policy", containsString("img-src https:"))
                .header("Content-Language", "en")
                .body(containsString("<h1>Sign in to " + flow.applicationName + "</h1>"))
                .body(containsString("<span class=\"tenant\">Acme &lt;Staff&gt;</span>"))
                .body(containsString("<img src=\"https://cdn.acme.example/logo.svg\" alt=\"\">"))
                .body(containsString(":root{--primary:#0b5394}"))
                .body(containsString("<a href=\"mailto:it-help@acme.example\">Need help? Contact Acme &lt;Staff&gt;"))
                .body(containsString("name=\"cancel\""))
                .body(not(containsString("<Staff>")));
    }

    @Test
    void signInPageWhenBrandingChangesThenTheNextPageShowsIt() {
        var flow = BrowserFlow.start();
        flow.authorize(flow.request(SCOPE)).then().statusCode(200).body(not(containsString("Renamed Corp")));

        brand(flow, Map.of("display_name", "Renamed Corp"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> flow.authorize(flow.request(SCOPE))
                        .then()
                        .body(containsString("<span class=\"tenant\">Renamed Corp</span>")));
    }

    @Test
    void signInPageWhenUiLocalesOrAcceptLanguageAskGermanThenGerman() {
        var flow = BrowserFlow.start();
        var params = flow.request(SCOPE);
        params.put("ui_locales", "fr-CA de en");

        flow.authorize(params)
                .then()
                .statusCode(200)
                .header("Content-Language", "de")
                .body(containsString("<html lang=\"de\">"))
                .body(containsString("<h1>Bei " + flow.applicationName + " anmelden</h1>"))
                .body(containsString("Passwort"))
                .body(containsString("name=\"ui_locales\" value=\"de\""));

        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .header("Accept-Language", "fr;q=1, de-CH;q=0.8, en;q=0.5")
                .queryParams(flow.request(SCOPE))
                .get("/authorize")
                .then()
                .header("Content-Language", "de");
        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .header("Accept-Language", "fr, ja;q=0.5")
                .queryParams(flow.request(SCOPE))
                .get("/authorize")
                .then()
                .header("Content-Language", "en")
                .body(containsString("Sign in to"));
        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .header("Accept-Language", "de;q=nonsense,,;")
                .queryParams(flow.request(SCOPE))
                .get("/authorize")
                .then()
                .statusCode(200)
                .header("Content-Language", "en");
    }

    @Test
    void signInWhenWrongPasswordInGermanThenTheRefusalIsInGerman() {
        var flow = BrowserFlow.start();
        var params = flow.request(SCOPE);
        params.put("ui_locales", "de");
        var page = flow.authorize(params);
        var hidden = BrowserFlow.hiddenFields(page.asString());

        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .cookies(flow.cookies)
                .contentType(ContentType.URLENC)
                .formParam("request_id", hidden.get("request_id"))
                .formParam("csrf_token", hidden.get("csrf_token"))
                .formParam("ui_locales", "de")
                .formParam("username", flow.fixture.tenant().adminEmail())
                .formParam("password", "not the password")
                .post("/authorize/sign-in")
                .then()
                .statusCode(401)
                .body(containsString("E-Mail-Adresse oder Passwort ist falsch."));
    }

    @Test
    void cancelWhenPressedThenTheClientGetsAccessDeniedAndTheRequestIsSpent() {
        var flow = BrowserFlow.start();
        var params = flow.request(SCOPE);
        var page = flow.authorize(params);
        var hidden = BrowserFlow.hiddenFields(page.asString());

        var cancelled = flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .cookies(flow.cookies)
                .contentType(ContentType.URLENC)
                .formParam("request_id", hidden.get("request_id"))
                .formParam("csrf_token", hidden.get("csrf_token"))
                .formParam("cancel", "cancel")
                .post("/authorize/sign-in");

        var query = BrowserFlow.callbackQuery(cancelled);
        assertThat(query).containsEntry("error", "access_denied").containsEntry("state", params.get("state"));
        assertThat(query).doesNotContainKey("code");
        flow.signIn(page, flow.fixture.tenant().adminEmail(), TenantFixture.PASSWORD)
                .then()
                .statusCode(400)
                .body(containsString("This sign-in page has expired."));
    }

    @Test
    void cancelWhenTheFormIsForgedThenRefused() {
        var flow = BrowserFlow.start();
        var page = flow.authorize(flow.request(SCOPE));
        var hidden = BrowserFlow.hiddenFields(page.asString());

        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("request_id", hidden.get("request_id"))
                .formParam("csrf_token", "forged")
                .formParam("cancel", "cancel")
                .post("/authorize/sign-in")
                .then()
                .statusCode(403);
        flow.signIn(page, flow.fixture.tenant().adminEmail(), TenantFixture.PASSWORD)
                .then()
                .statusCode(303);
    }

    @Test
    void deviceAndErrorPagesWhenNoClientIsKnownThenThePlatformSpeaksTheBrowsersLanguage() {
        var fixture = TokenFixture.start("pro");
        fixture.oauth()
                .header("Accept-Language", "de")
                .get("/device")
                .then()
                .statusCode(200)
                .body(containsString("Code, der auf Ihrem Gerät angezeigt wird"))
                .body(containsString("<span class=\"tenant\">NexIdentity</span>"));
        fixture.oauth()
                .get("/authorize?client_id=nobody&redirect_uri=https://evil.example/")
                .then()
                .statusCode(400)
                .body(containsString("The client is unknown or disabled."));
    }

    @Test
    void logoutPageWhenTheBrowserHasNoSessionOfTheClientsTenantThenNotBranded() {
        var flow = BrowserFlow.start();
        brand(flow, Map.of("display_name", "Look-alike Bank"));

        flow.fixture
                .oauth()
                .get("/logout?client_id=" + flow.clientId)
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"tenant\">NexIdentity</span>"))
                .body(not(containsString("Look-alike Bank")));
    }

    private static void brand(BrowserFlow flow, Map<String, Object> branding) {
        flow.fixture
                .adminAt("tenant-service")
                .body(branding)
                .put("/v1/tenant/branding")
                .then()
                .statusCode(200)
                .body("effective_display_name", equalTo(branding.get("display_name")));
    }
}
