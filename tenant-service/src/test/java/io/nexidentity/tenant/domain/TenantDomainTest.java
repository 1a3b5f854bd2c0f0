package io.nexidentity.tenant.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.contract.TestDns;

/**
 * Custom domains through the admin API, proven through a real DNS resolver (the test's own, on loopback): a claim is
 * pending until its TXT record holds the value given; a domain another tenant proved is refused; names that are no
 * public host are refused before anything is stored.
 */
@QuarkusTest
@QuarkusTestResource(TestDns.class)
class TenantDomainTest {

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Test
    void verifyWhenTheTxtRecordHoldsTheValueThenVerifiedAnnouncedAndResolvable() {
        var tenant = TenantFixture.register();
        var domain = domain();
        var claim = tenant.admin()
                .body(Map.of("domain", "  " + domain.toUpperCase() + ". "))
                .post("/v1/tenant/domains")
                .then()
                .statusCode(201)
                .body("domain", equalTo(domain))
                .body("status", equalTo("pending"))
                .body("issuer", equalTo("https://" + domain))
                .body("verification.type", equalTo("TXT"))
                .body("verification.name", equalTo("_nexid-challenge." + domain))
                .extract()
                .jsonPath();

        tenant.admin()
                .post("/v1/tenant/domains/" + domain + "/verify")
                .then()
                .statusCode(409)
                .body("type", containsString("domain-not-verified"))
                .body("detail", containsString(claim.getString("verification.value")));
        TestDns.publishTxt(claim.getString("verification.name"), "v=spf1 -all", "nexid-domain-verification=wrong");
        tenant.admin().post("/v1/tenant/domains/" + domain + "/verify").then().statusCode(409);
        given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/tenant-domains/" + domain)
                .then()
                .statusCode(404);

        var mark = EventLog.mark(Topic.TENANT);
        TestDns.publishTxt(claim.getString("verification.name"), "v=spf1 -all", claim.getString("verification.value"));
        tenant.admin()
                .post("/v1/tenant/domains/" + domain + "/verify")
                .then()
                .statusCode(200)
                .body("status", equalTo("verified"));

        var verified = mark.awaitType(tenant.tenantId(), "nexid.tenant.domain_verified.v1");
        assertThat(verified.path("data").path("issuer").asText()).isEqualTo("https://" + domain);
        given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/tenant-domains/" + domain)
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(tenant.tenantId().toString()))
                .body("slug", equalTo(tenant.slug()));
        tenant.admin().get("/v1/tenant/domains").then().statusCode(200).body("[0].status", equalTo("verified"));
    }

    @Test
    void claimOrVerifyWhenAnotherTenantProvedTheDomainThenRefused() {
        var owner = TenantFixture.register();
        var rival = TenantFixture.register();
        var domain = domain();
        var rivalClaim = claim(rival, domain);
        var ownerClaim = claim(owner, domain);
        TestDns.publishTxt(ownerClaim.get("name"), ownerClaim.get("value"));
        owner.admin().post("/v1/tenant/domains/" + domain + "/verify").then().statusCode(200);

        // the rival even gets its own value published: the domain is taken all the same
        TestDns.publishTxt(rivalClaim.get("name"), rivalClaim.get("value"));
        rival.admin()
                .post("/v1/tenant/domains/" + domain + "/verify")
                .then()
                .statusCode(409)
                .body("type", containsString("domain-taken"));
        var latecomer = TenantFixture.register();
        latecomer
                .admin()
                .body(Map.of("domain", domain))
                .post("/v1/tenant/domains")
                .then()
                .statusCode(409)
                .body("type", containsString("domain-taken"));
    }

    @Test
    void verifyOrRemoveWhenTheDomainIsAnotherTenantsThenNotFound() {
        var owner = TenantFixture.register();
        var other = TenantFixture.register();
        var domain = domain();
        claim(owner, domain);
        other.admin().post("/v1/tenant/domains/" + domain + "/verify").then().statusCode(404);
        other.admin().delete("/v1/tenant/domains/" + domain).then().statusCode(404);
        owner.admin().get("/v1/tenant/domains").then().body("[0].domain", equalTo(domain));
    }

    @Test
    void removeWhenVerifiedThenAnnouncedAndNoLongerResolvable() {
        var tenant = TenantFixture.register();
        var domain = domain();
        var claim = claim(tenant, domain);
        TestDns.publishTxt(claim.get("name"), claim.get("value"));
        tenant.admin().post("/v1/tenant/domains/" + domain + "/verify").then().statusCode(200);
        var mark = EventLog.mark(Topic.TENANT);

        tenant.admin().delete("/v1/tenant/domains/" + domain).then().statusCode(204);

        assertThat(mark.awaitType(tenant.tenantId(), "nexid.tenant.domain_removed.v1")
                        .path("data")
                        .path("domain")
                        .asText())
                .isEqualTo(domain);
        given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/tenant-domains/" + domain)
                .then()
                .statusCode(404);
    }

    /** Each verification is a DNS query the tenant chose: a tenant cannot make the platform ask without end. */
    @Test
    void verifyWhenAskedTooOftenThenRefusedForTheHour() {
        var tenant = TenantFixture.register();
        var domain = domain();
        claim(tenant, domain);
        for (int i = 0; i < TenantDomainService.VERIFICATIONS_PER_HOUR; i++) {
            tenant.admin()
                    .post("/v1/tenant/domains/" + domain + "/verify")
                    .then()
                    .statusCode(409);
        }
        tenant.admin()
                .post("/v1/tenant/domains/" + domain + "/verify")
                .then()
                .statusCode(429)
                .body("type", containsString("too-many-verifications"));
        // another tenant's budget is its own
        var other = TenantFixture.register();
        var otherDomain = domain();
        claim(other, otherDomain);
        other.admin()
                .post("/v1/tenant/domains/" + otherDomain + "/verify")
                .then()
                .statusCode(409);
    }

    @Test
    void claimWhenTheNameIsNoPublicHostThenRefused() {
        var tenant = TenantFixture.register();
        for (var bad : new String[] {
            "localhost",
            "example",
            "10.0.0.1",
            "[::1]",
            "-bad-.example.com",
            "a..b.example.com",
            "login.example.local",
            "login.example.123",
            "under_score.example.com",
            "127.0.0.1",
            "x".repeat(64) + ".example.com",
            ("a".repeat(60) + ".").repeat(5) + "example.com"
        }) {
            tenant.admin()
                    .body(Map.of("domain", bad))
                    .post("/v1/tenant/domains")
                    .then()
                    .statusCode(400)
                    .body("type", containsString("validation-failed"));
        }
        tenant.admin()
                .body(Map.of("domain", "Bücher-" + UUID.randomUUID().toString().substring(0, 8) + ".example"))
                .post("/v1/tenant/domains")
                .then()
                .statusCode(201)
                .body("domain", containsString("xn--bcher-"));
    }

    private static Map<String, String> claim(TenantFixture tenant, String domain) {
        var verification = tenant.admin()
                .body(Map.of("domain", domain))
                .post("/v1/tenant/domains")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return Map.of(
                "name", verification.getString("verification.name"),
                "value", verification.getString("verification.value"));
    }

    private static String domain() {
        return "login-" + UUID.randomUUID().toString().substring(0, 12) + ".acme.example";
    }
}
