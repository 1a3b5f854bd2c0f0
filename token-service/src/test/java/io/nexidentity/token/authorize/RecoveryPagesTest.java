package io.nexidentity.token.authorize;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TestMailbox;
import io.nexidentity.token.TokenFixture;

/** "Forgot password" through the hosted pages, with the real tenant-service mailing to a real SMTP server. */
@QuarkusTest
class RecoveryPagesTest {

    private static final String SCOPE = "openid";
    private static final String NEW_PASSWORD = "a brand new passphrase 2026";

    @Test
    void forgotPasswordWhenTheLinkIsFollowedThenOnlyTheNewPasswordSignsInAndTheLinkIsSpent() {
        var flow = BrowserFlow.start();
        var email = flow.fixture.tenant().adminEmail();
        var before = new BrowserFlow(flow).tokens(SCOPE).getString("refresh_token");
        var page = flow.authorize(flow.request(SCOPE));

        var sent = askForLink(flow, page, email, "evil.example");
        sent.then().statusCode(200).body(containsString("If " + email + " belongs to an account"));

        var link = link(TestMailbox.await(email, 1).body());
        assertThat(link).startsWith(flow.fixture.issuer() + "/authorize/reset?token=");
        var path = link.substring(flow.fixture.issuer().length());
        var token = path.substring(path.indexOf("token=") + "token=".length());
        flow.fixture.oauth().get(path).then().statusCode(200).body(containsString("name=\"new_password\""));
        reset(flow, token, "short").then().statusCode(400).body(containsString("This password is not allowed"));
        reset(flow, token, NEW_PASSWORD).then().statusCode(200).body(containsString("Your password was changed"));
        reset(flow, token, "another brand new passphrase")
                .then()
                .statusCode(400)
                .body(containsString("already used"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> flow.refresh(before).then().statusCode(400));
        var signIn = new BrowserFlow(flow);
        var params = signIn.request(SCOPE);
        var redirect = signIn.signIn(signIn.authorize(params), email, NEW_PASSWORD);
        assertThat(BrowserFlow.callbackQuery(redirect)).containsKey("code");
    }

    @Test
    void forgotPasswordWhenNoSuchAccountThenTheSameAnswerAndNoMail() {
        var flow = BrowserFlow.start();
        var nobody = "nobody-" + UUID.randomUUID() + "@example.com";
        var known = flow.fixture.tenant().adminEmail();

        var unknownAnswer = askForLink(flow, flow.authorize(flow.request(SCOPE)), nobody, null);
        var knownAnswer = askForLink(flow, flow.authorize(flow.request(SCOPE)), known, null);

        assertThat(unknownAnswer.statusCode())
                .isEqualTo(knownAnswer.statusCode())
                .isEqualTo(200);
        assertThat(withoutVariableParts(unknownAnswer.asString(), nobody))
                .isEqualTo(withoutVariableParts(knownAnswer.asString(), known));
        TestMailbox.await(known, 1);
        assertThat(TestMailbox.count(nobody)).isZero();
    }

    @Test
    void recoveryPagesWhenAnotherBrowserNamesThePendingRequestThenRefused() {
        var flow = BrowserFlow.start();
        var requestId = BrowserFlow.hiddenFields(
                        flow.authorize(flow.request(SCOPE)).asString())
                .get("request_id");

        flow.fixture
                .oauth()
                .get("/authorize/recover?request_id=" + requestId)
                .then()
                .statusCode(403);
        flow.fixture
                .oauth()
                .get("/authorize/sign-in?request_id=" + requestId)
                .then()
                .statusCode(403);
        flow.fixture
                .oauth()
                .cookies(flow.cookies)
                .get("/authorize/recover?request_id=" + requestId)
                .then()
                .statusCode(200)
                .body(containsString(recoverAction(flow)));
    }

    @Test
    void forgotPasswordWhenTheEmailHasControlCharactersThenTheFormSaysSo() {
        var flow = BrowserFlow.start();
        var hidden =
                BrowserFlow.hiddenFields(flow.authorize(flow.request(SCOPE)).asString());

        flow.fixture
                .oauth()
                .cookies(flow.cookies)
                .contentType(ContentType.URLENC)
                .formParam("request_id", hidden.get("request_id"))
                .formParam("csrf_token", hidden.get("csrf_token"))
                .formParam("email", "nobody\u0000@example.com")
                .post("/authorize/recover")
                .then()
                .statusCode(400)
                .body(containsString("Enter the email address of your account."));
    }

    @Test
    void resetWhenTheLinkIsUnknownThenAPageSaysSo() {
        TokenFixture.start("pro")
                .oauth()
                .get("/authorize/reset?token=" + "A".repeat(43))
                .then()
                .statusCode(400)
                .body(containsString("This link is unknown, already used or expired."));
    }

    /** Follows the sign-in page's "forgot password" link (a path on this host, under the tenant's issuer). */
    private static Response askForLink(BrowserFlow flow, Response signInPage, String email, String host) {
        var forgot = Pattern.compile(
                "href=\"(" + Pattern.quote(flow.fixture.issuerPath()) + "/authorize/recover\\?[^\"]+)\"");
        var matcher = forgot.matcher(signInPage.asString());
        assertThat(matcher.find()).as(signInPage.asString()).isTrue();
        var form = given().cookies(flow.cookies).get(matcher.group(1).replace("&amp;", "&"));
        form.then().statusCode(200).body(containsString(recoverAction(flow)));
        var hidden = BrowserFlow.hiddenFields(form.asString());
        var request = flow.fixture.oauth().cookies(flow.cookies).contentType(ContentType.URLENC);
        if (host != null) {
            request.header("Host", host).header("X-Forwarded-Host", host);
        }
        return request.formParam("request_id", hidden.get("request_id"))
                .formParam("csrf_token", hidden.get("csrf_token"))
                .formParam("email", email)
                .post("/authorize/recover");
    }

    private static Response reset(BrowserFlow flow, String token, String password) {
        return flow.fixture
                .oauth()
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .formParam("new_password", password)
                .post("/authorize/reset");
    }

    private static String recoverAction(BrowserFlow flow) {
        return "action=\"" + flow.fixture.issuerPath() + "/authorize/recover\"";
    }

    private static String link(String body) {
        var matcher = Pattern.compile("(http\\S+/authorize/reset\\?token=\\S+)").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    /** The page without what differs by design: the typed email and the request's ids. */
    private static String withoutVariableParts(String html, String email) {
        return html.replace(email, "EMAIL").replaceAll("request_id=[^&\"]+", "request_id=X");
    }
}
