package io.nexidentity.tenant.branding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class BrandingTest {

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Test
    void setWhenValidThenShownToTheTenantAndTheHostedPagesAndAudited() {
        var tenant = TenantFixture.register();
        var mark = EventLog.mark(Topic.TENANT);

        tenant.admin()
                .body(Map.of(
                        "display_name", "  Acme Sign-in ",
                        "logo_url", "https://cdn.acme.example/logo.svg",
                        "primary_colour", "#0B5394",
                        "support_url", "mailto:it-help@acme.example"))
                .put("/v1/tenant/branding")
                .then()
                .statusCode(200)
                .body("display_name", equalTo("Acme Sign-in"))
                .body("primary_colour", equalTo("#0b5394"))
                .body("effective_primary_colour", equalTo("#0b5394"));

        var event = mark.await(
                        tenant.tenantId(), e -> e.get("type").asText().equals("nexid.tenant.branding_changed.v1"), 1)
                .get(0);
        assertThat(event.get("data").get("logo_url").asText()).isEqualTo("https://cdn.acme.example/logo.svg");
        given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/tenants/" + tenant.tenantId() + "/branding")
                .then()
                .statusCode(200)
                .body("display_name", equalTo("Acme Sign-in"))
                .body("support_url", equalTo("mailto:it-help@acme.example"));
    }

    @Test
    void getWhenUnsetThenTheTenantNameAndThePlatformColour() {
        var tenant = TenantFixture.register();
        var name = tenant.admin().get("/v1/tenant").then().extract().path("name");

        tenant.admin()
                .get("/v1/tenant/branding")
                .then()
                .statusCode(200)
                .body("display_name", nullValue())
                .body("effective_display_name", equalTo(name))
                .body("effective_primary_colour", equalTo("#1d4ed8"));
    }

    @Test
    void setWhenFieldsLeftOutThenUnset() {
        var tenant = TenantFixture.register();
        tenant.admin()
                .body(Map.of("display_name", "Acme", "primary_colour", "#000000"))
                .put("/v1/tenant/branding")
                .then()
                .statusCode(200);

        tenant.admin()
                .body(Map.of("display_name", "Acme"))
                .put("/v1/tenant/branding")
                .then()
                .statusCode(200)
                .body("primary_colour", nullValue())
                .body("effective_primary_colour", equalTo("#1d4ed8"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "logo_url|http://cdn.acme.example/logo.svg",
                "logo_url|javascript:alert(1)",
                "logo_url|https://bank.example@evil.example/logo.png",
                "logo_url|//cdn.acme.example/logo.svg",
                "logo_url|https://cdn.acme.example/logo.svg\"><script>",
                "support_url|javascript:alert(1)",
                "support_url|mailto:a@b.example?bcc=everyone@b.example",
                "support_url|data:text/html,hi",
                "primary_colour|#ffff00",
                "primary_colour|#777777",
                "primary_colour|red;background:url(https://evil.example)",
                "primary_colour|#12345",
                "display_name|\u202eelgooG",
                "display_name|Ac\u0000me",
                "display_name|' '",
            })
    void setWhenUnsafeThenProblemNamingTheField(String field, String value) {
        var tenant = TenantFixture.register();
        var body = new HashMap<String, Object>();
        body.put(field, value);

        tenant.admin()
                .body(body)
                .put("/v1/tenant/branding")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(field));
        tenant.admin().get("/v1/tenant/branding").then().body(field, nullValue());
    }

    @Test
    void setWhenLowContrastThenTheRatioIsExplained() {
        var tenant = TenantFixture.register();
        tenant.admin()
                .body(Map.of("primary_colour", "#60a5fa"))
                .put("/v1/tenant/branding")
                .then()
                .statusCode(400)
                .body(
                        "errors[0].detail",
                        equalTo("contrast with white is 2.54:1; WCAG 2.1 AA needs at least 4.5:1"
                                + " (choose a darker colour)"));
    }

    @Test
    void tenantNameWhenNotPlainTextThenRefusedAtRegistrationAndRename() {
        var slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        var registration = new HashMap<>(
                TenantFixture.registration(slug, "evaluation", "admin@" + slug + ".example", TenantFixture.PASSWORD));
        registration.put("name", "Acme\nReply-To: attacker@evil.example");
        given().contentType(ContentType.JSON)
                .body(registration)
                .post("/v1/tenants")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);

        var tenant = TenantFixture.register();
        tenant.admin()
                .body(Map.of("name", "\u202eelgooG"))
                .patch("/v1/tenant")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void brandingWhenAnotherTenantSetsItsOwnThenNoEffectHere() {
        var mine = TenantFixture.register();
        var other = TenantFixture.register();
        other.admin()
                .body(Map.of("display_name", "Other Corp"))
                .put("/v1/tenant/branding")
                .then()
                .statusCode(200);

        mine.admin().get("/v1/tenant/branding").then().statusCode(200).body("display_name", nullValue());
        given().get("/v1/tenant/branding").then().statusCode(401);
        given().auth()
                .oauth2("not-a-platform-credential")
                .get("/internal/v1/tenants/" + other.tenantId() + "/branding")
                .then()
                .statusCode(401);
    }
}
