package io.nexidentity.token.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.token.TestClock;
import io.nexidentity.token.TokenFixture;

/**
 * The device authorization grant (RFC 8628) end to end: a device asks for codes and polls; a person opens the
 * verification page in a browser, signs in and allows or denies; every answer of the polling is checked.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class DeviceFlowTest {

    @Inject
    TestClock clock;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    @Test
    void deviceWhenUserSignsInAndAllowsThenPollingGetsTokensOnce() throws Exception {
        var device = Device.start();
        var mark = EventLog.mark(Topic.AUTH);
        var codes = device.authorize("openid profile tenant_context")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("verification_uri", equalTo(device.fixture.issuer() + "/device"))
                .body("verification_uri_complete", startsWith(device.fixture.issuer() + "/device?user_code="))
                .body("interval", equalTo(1))
                .extract()
                .jsonPath();
        assertThat(codes.getString("user_code")).matches("[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}");
        device.poll(codes.getString("device_code"))
                .then()
                .statusCode(400)
                .body("error", equalTo("authorization_pending"));

        var browser = new HashMap<String, String>();
        var page = device.fixture
                .oauth()
                .queryParam(
                        "user_code", codes.getString("user_code").toLowerCase().replace("-", ""))
                .get("/device");
        page.then().statusCode(200).body(containsString("name=\"password\""));
        browser.putAll(page.getCookies());
        decide(
                        device.fixture,
                        browser,
                        page,
                        codes.getString("user_code"),
                        "approve",
                        device.fixture.tenant().adminEmail())
                .then()
                .statusCode(200)
                .body(containsString("Device connected"));
        var approved = mark.awaitType(device.fixture.tenant().tenantId(), "nexid.device.authorization_approved.v1");
        assertThat(approved.path("data").path("organization_id").asText())
                .isEqualTo(device.fixture.tenant().organizationId().toString());

        clock.advance(Duration.ofMillis(1100));
        var tokens = device.poll(codes.getString("device_code"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        var claims = device.fixture.verifyWithJwks(tokens.getString("access_token"), device.applicationKey);
        assertThat(claims.getSubject())
                .isEqualTo(device.fixture.tenant().userId().toString());
        assertThat(claims.getStringClaim("tenant_id"))
                .isEqualTo(device.fixture.tenant().tenantId().toString());
        assertThat(tokens.getString("id_token")).isNotBlank();
        var issued = mark.awaitType(device.fixture.tenant().tenantId(), "nexid.token.issued.v1");
        assertThat(issued.path("data").path("grant_type").asText()).isEqualTo(GRANT);
        assertThat(issued.path("data").path("organization_id").asText())
                .isEqualTo(device.fixture.tenant().organizationId().toString());

        clock.advance(Duration.ofMillis(1100));
        device.poll(codes.getString("device_code")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void deviceWhenPolledTooFastThenSlowDownAndWhenDeniedThenAccessDenied() {
        var device = Device.start();
        var codes = device.authorize(null).then().statusCode(200).extract().jsonPath();
        device.poll(codes.getString("device_code")).then().body("error", equalTo("authorization_pending"));
        device.poll(codes.getString("device_code")).then().statusCode(400).body("error", equalTo("slow_down"));

        var browser = new HashMap<String, String>();
        var page = device.fixture
                .oauth()
                .queryParam("user_code", codes.getString("user_code"))
                .get("/device");
        browser.putAll(page.getCookies());
        decide(device.fixture, browser, page, codes.getString("user_code"), "deny", null)
                .then()
                .statusCode(200)
                .body(containsString("denied"));

        clock.advance(Duration.ofMillis(6100));
        device.poll(codes.getString("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void deviceWhenTheApplicationDoesNotAdmitTheUsersOrganizationThenApprovalCountsAsDenial() {
        var device = Device.start();
        var outsider = device.fixture.memberOfNewOrganization("outsider");
        var mark = EventLog.mark(Topic.AUTH);
        var codes = device.authorize("openid tenant_context")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        var browser = new HashMap<String, String>();
        var page = device.fixture
                .oauth()
                .queryParam("user_code", codes.getString("user_code"))
                .get("/device");
        browser.putAll(page.getCookies());
        decide(device.fixture, browser, page, codes.getString("user_code"), "approve", outsider.email())
                .then()
                .statusCode(403)
                .body(containsString("not available to your organization"));

        var tenantId = device.fixture.tenant().tenantId();
        var policy = mark.awaitType(tenantId, "nexid.authorization.denied.v1");
        assertThat(policy.path("subject").asText()).isEqualTo(outsider.userId().toString());
        var denied = mark.awaitType(tenantId, "nexid.device.authorization_denied.v1");
        assertThat(denied.path("data").path("user_id").asText())
                .isEqualTo(outsider.userId().toString());
        clock.advance(Duration.ofMillis(1100));
        device.poll(codes.getString("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void verificationWhenCodeUnknownOrFormForgedThenRefused() {
        var device = Device.start();
        device.fixture
                .oauth()
                .queryParam("user_code", "BCDF-GHJK")
                .get("/device")
                .then()
                .statusCode(400);

        var codes = device.authorize(null).then().statusCode(200).extract().jsonPath();
        var page = device.fixture
                .oauth()
                .queryParam("user_code", codes.getString("user_code"))
                .get("/device");
        decide(
                        device.fixture,
                        Map.of(),
                        page,
                        codes.getString("user_code"),
                        "approve",
                        device.fixture.tenant().adminEmail())
                .then()
                .statusCode(403);
        device.poll(codes.getString("device_code"))
                .then()
                .statusCode(400)
                .body("error", equalTo("authorization_pending"));
    }

    @Test
    void deviceAuthorizationWhenClientNotRegisteredForTheGrantThenUnauthorizedClient() {
        var fixture = TokenFixture.start("pro");
        var automation = fixture.automationClient(fixture.application().getString("application_id"), "RS256");
        fixture.oauth()
                .auth()
                .preemptive()
                .basic(automation.getString("client_id"), automation.getString("client_secret"))
                .contentType(ContentType.URLENC)
                .post("/device_authorization")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    private static Response decide(
            TokenFixture fixture,
            Map<String, String> cookies,
            Response page,
            String userCode,
            String decision,
            String username) {
        var matcher = CSRF.matcher(page.asString());
        assertThat(matcher.find()).isTrue();
        var form = fixture.oauth()
                .cookies(cookies)
                .contentType(ContentType.URLENC)
                .formParam("user_code", userCode)
                .formParam("csrf_token", matcher.group(1))
                .formParam("decision", decision);
        if (username != null) {
            form.formParam("username", username).formParam("password", TenantFixture.PASSWORD);
        }
        return form.post("/device");
    }

    /** A device app: an interactive client, registered for the device grant by its profile. */
    private record Device(TokenFixture fixture, String clientId, String secret, String applicationKey) {

        static Device start() {
            var fixture = TokenFixture.start("pro");
            var application = fixture.application();
            var client = fixture.client(Map.of(
                    "application_id",
                    application.getString("application_id"),
                    "name",
                    "tv",
                    "profile",
                    "interactive_web",
                    "redirect_uris",
                    List.of("https://tv.example/callback")));
            return new Device(
                    fixture,
                    client.getString("client_id"),
                    client.getString("client_secret"),
                    application.getString("key"));
        }

        Response authorize(String scope) {
            var request =
                    fixture.oauth().auth().preemptive().basic(clientId, secret).contentType(ContentType.URLENC);
            if (scope != null) {
                request.formParam("scope", scope);
            }
            return request.post("/device_authorization");
        }

        Response poll(String deviceCode) {
            return fixture.oauth()
                    .auth()
                    .preemptive()
                    .basic(clientId, secret)
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", GRANT)
                    .formParam("device_code", deviceCode)
                    .post("/token");
        }
    }
}
