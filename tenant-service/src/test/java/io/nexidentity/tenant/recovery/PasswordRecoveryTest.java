package io.nexidentity.tenant.recovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.contract.TestMailbox;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
@QuarkusTestResource(TestMailbox.class)
class PasswordRecoveryTest {

    private static final String RESET_URL = "https://login.example/authorize/reset";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(RESET_URL) + "\\?token=([A-Za-z0-9_-]{43})");
    private static final String NEW_PASSWORD = "a brand new passphrase 2026";

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Test
    void requestWhenTheAccountExistsOrNotThenTheSameAnswerAMailOnlyToTheAccountAndBothAudited() {
        var tenant = TenantFixture.register();
        var mark = EventLog.mark(Topic.TENANT);
        var nobody = "nobody-" + UUID.randomUUID() + "@example.com";

        request(tenant, tenant.adminEmail().toUpperCase(), "en").then().statusCode(202);
        request(tenant, nobody, "en").then().statusCode(202);

        var mail = TestMailbox.await(tenant.adminEmail(), 1);
        assertThat(mail.subject()).startsWith("Reset your ").endsWith(" password");
        assertThat(mail.body()).contains("within 15 minutes").containsPattern(LINK);
        var events = mark.await(tenant.tenantId(), EventLog.ofType("nexid.sign_in.recovery_requested.v1"), 2);
        assertThat(events)
                .extracting(event -> event.path("data").path("outcome").asText())
                .containsExactlyInAnyOrder("sent", "unknown_user");
        assertThat(events)
                .extracting(event -> event.path("data").path("client_id").asText())
                .containsOnly("nxc-web");
        assertThat(TestMailbox.count(nobody)).isZero();
    }

    @Test
    void completeWhenTheLinkIsUsedThenTheNewPasswordWorksOnceAndTheOldOneNoLonger() {
        var tenant = TenantFixture.register();
        request(tenant, tenant.adminEmail(), "de").then().statusCode(202);
        var mail = TestMailbox.await(tenant.adminEmail(), 1);
        assertThat(mail.subject()).startsWith("Passwort für ");
        var token = token(mail.body());
        var mark = EventLog.mark(Topic.TENANT);

        platform()
                .body(Map.of("token", token))
                .post("/internal/v1/password-recoveries/inspections")
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(tenant.tenantId().toString()))
                .body("client_id", equalTo("nxc-web"));
        platform()
                .body(Map.of("token", token, "new_password", NEW_PASSWORD))
                .post("/internal/v1/password-recoveries/completions")
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(tenant.tenantId().toString()));

        verified(tenant, NEW_PASSWORD).body("verified", equalTo(true));
        verified(tenant, TenantFixture.PASSWORD).body("verified", equalTo(false));
        platform()
                .body(Map.of("token", token, "new_password", "yet another passphrase 2026"))
                .post("/internal/v1/password-recoveries/completions")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/recovery-link-invalid"));
        verified(tenant, NEW_PASSWORD).body("verified", equalTo(true));
        mark.awaitType(tenant.tenantId(), "nexid.sign_in.recovery_completed.v1");
        mark.awaitType(tenant.tenantId(), "nexid.user.password_changed.v1");
    }

    @Test
    void completeWhenThePasswordBreaksThePolicyThenProblemAndTheLinkStillWorks() {
        var tenant = TenantFixture.register();
        request(tenant, tenant.adminEmail(), "en").then().statusCode(202);
        var token = token(TestMailbox.await(tenant.adminEmail(), 1).body());

        platform()
                .body(Map.of("token", token, "new_password", "short"))
                .post("/internal/v1/password-recoveries/completions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("new_password"));
        platform()
                .body(Map.of("token", token, "new_password", NEW_PASSWORD))
                .post("/internal/v1/password-recoveries/completions")
                .then()
                .statusCode(200);
    }

    @Test
    void requestWhenRepeatedThenOnlyTheNewestLinkWorksAndTheFourthIsThrottledSilently() {
        var tenant = TenantFixture.register();
        var address = "address:test-" + UUID.randomUUID();
        var mark = EventLog.mark(Topic.TENANT);
        request(tenant, tenant.adminEmail(), "en", address).then().statusCode(202);
        var first = token(TestMailbox.await(tenant.adminEmail(), 1).body());
        request(tenant, tenant.adminEmail(), "en", address).then().statusCode(202);
        request(tenant, tenant.adminEmail(), "en", address).then().statusCode(202);
        var third = token(TestMailbox.await(tenant.adminEmail(), 3).body());

        request(tenant, tenant.adminEmail(), "en", address).then().statusCode(202);

        var outcomes = mark.await(tenant.tenantId(), EventLog.ofType("nexid.sign_in.recovery_requested.v1"), 4);
        assertThat(outcomes)
                .extracting(event -> event.path("data").path("outcome").asText())
                .containsExactly("sent", "sent", "sent", "throttled");
        assertThat(TestMailbox.count(tenant.adminEmail())).isEqualTo(3);
        platform()
                .body(Map.of("token", first))
                .post("/internal/v1/password-recoveries/inspections")
                .then()
                .statusCode(404);
        platform()
                .body(Map.of("token", third))
                .post("/internal/v1/password-recoveries/inspections")
                .then()
                .statusCode(200);
    }

    @Test
    void tenantLimitWhenManyRequestsForUnknownAccountsThenARealUserStillGetsTheMail() {
        var tenant = TenantFixture.register();
        for (var i = 0; i < 8; i++) {
            request(tenant, "nobody-" + UUID.randomUUID() + "@example.com", "en", "address:test-" + UUID.randomUUID())
                    .then()
                    .statusCode(202);
        }

        request(tenant, tenant.adminEmail(), "en").then().statusCode(202);

        assertThat(TestMailbox.await(tenant.adminEmail(), 1).body()).containsPattern(LINK);
    }

    @Test
    void linkWhenTheEmailChangesOrTheUserIsDisabledThenItStopsWorking() {
        var tenant = TenantFixture.register();
        var email = "mover-" + UUID.randomUUID() + "@example.com";
        var userId = tenant.createUser(email);
        request(tenant, email, "en").then().statusCode(202);
        var sent = token(TestMailbox.await(email, 1).body());

        tenant.admin()
                .body(Map.of("email", "moved-" + UUID.randomUUID() + "@example.com"))
                .patch("/v1/users/" + userId)
                .then()
                .statusCode(200);

        platform()
                .body(Map.of("token", sent))
                .post("/internal/v1/password-recoveries/inspections")
                .then()
                .statusCode(404);
        var other = "other-" + UUID.randomUUID() + "@example.com";
        var otherId = tenant.createUser(other);
        request(tenant, other, "en").then().statusCode(202);
        var others = token(TestMailbox.await(other, 1).body());
        tenant.admin().post("/v1/users/" + otherId + "/disable").then().statusCode(200);
        platform()
                .body(Map.of("token", others, "new_password", NEW_PASSWORD))
                .post("/internal/v1/password-recoveries/completions")
                .then()
                .statusCode(404);
    }

    @Test
    void recoveryWhenNoPlatformCredentialOrMalformedThenRefused() {
        var tenant = TenantFixture.register();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", tenant.adminEmail()))
                .post("/internal/v1/tenants/" + tenant.tenantId() + "/password-recoveries")
                .then()
                .statusCode(401);
        platform()
                .body(Map.of("email", tenant.adminEmail(), "client_id", "nxc-web", "reset_url", "not a url"))
                .post("/internal/v1/tenants/" + tenant.tenantId() + "/password-recoveries")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reset_url"));
        platform()
                .body(Map.of("token", "x".repeat(5000)))
                .post("/internal/v1/password-recoveries/inspections")
                .then()
                .statusCode(404);
    }

    private io.restassured.response.Response request(TenantFixture tenant, String email, String language) {
        return request(tenant, email, language, "address:203.0.113.7");
    }

    private io.restassured.response.Response request(
            TenantFixture tenant, String email, String language, String addressKey) {
        return platform()
                .body(Map.of(
                        "email", email,
                        "client_id", "nxc-web",
                        "reset_url", RESET_URL,
                        "language", language,
                        "address", "203.0.113.7",
                        "address_key", addressKey))
                .post("/internal/v1/tenants/" + tenant.tenantId() + "/password-recoveries");
    }

    private io.restassured.response.ValidatableResponse verified(TenantFixture tenant, String password) {
        return platform()
                .body(Map.of("email", tenant.adminEmail(), "password", password))
                .post("/internal/v1/tenants/" + tenant.tenantId() + "/password-verifications")
                .then()
                .statusCode(200);
    }

    private static String token(String body) {
        var matcher = LINK.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private RequestSpecification platform() {
        return given().auth().oauth2(platformCredential).contentType(ContentType.JSON);
    }
}
