package io.nexidentity.token.issuer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TestDns;
import io.nexidentity.token.TokenFixture;

/**
 * A tenant proves a custom domain (its TXT record answered by the test's DNS server to the real tenant-service) and its
 * issuer is then served on that host, beside its slug's: the same keys, both issuers active, another tenant's client
 * refused there, the admin APIs taking tokens issued under it; once the domain is given up, the host serves nothing.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class CustomDomainTest {

    @Test
    void hostWhenTheTenantProvedItThenServesTheTenantsIssuerBesideItsSlugs() throws Exception {
        var tenant = TokenFixture.start("pro");
        var other = TokenFixture.start("pro");
        var domain = "login-" + UUID.randomUUID().toString().substring(0, 12) + ".acme.example";
        var issuer = "https://" + domain;
        prove(tenant, domain);

        var discovery = at(domain)
                .get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(discovery.getString("issuer")).isEqualTo(issuer);
        assertThat(discovery.getString("token_endpoint")).isEqualTo(issuer + "/token");
        // the domain serves its tenant alone: no other tenant's issuer path, not even its own slug's
        at(domain)
                .get("/t/" + other.tenant().slug() + "/.well-known/openid-configuration")
                .then()
                .statusCode(404);
        at(domain).get("/t/" + tenant.tenant().slug() + "/jwks").then().statusCode(404);
        assertThat(at(domain).get("/jwks").then().extract().jsonPath().getList("keys.kid"))
                .isEqualTo(
                        tenant.oauth().get("/jwks").then().extract().jsonPath().getList("keys.kid"));

        var adminOnDomain =
                token(at(domain), tenant.tenant().clientId(), tenant.tenant().clientSecret());
        assertThat(SignedJWT.parse(adminOnDomain).getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        // the admin APIs take a token issued under the domain
        tenant.adminAt("tenant-service")
                .auth()
                .oauth2(adminOnDomain)
                .get("/v1/tenant/domains")
                .then()
                .statusCode(200);

        // both issuers are the tenant's: each recognizes what the other issued
        var backend = tenant.automationClient(tenant.application().getString("application_id"), "ES256");
        var clientId = backend.getString("client_id");
        var secret = backend.getString("client_secret");
        var onDomain = token(at(domain), clientId, secret);
        var onSlug = token(tenant.oauth(), clientId, secret);
        introspect(tenant.oauth(), clientId, secret, onDomain).body("active", equalTo(true));
        introspect(at(domain), clientId, secret, onSlug).body("active", equalTo(true));
        introspect(at(domain), clientId, secret, onDomain).body("iss", equalTo(issuer));

        basic(at(domain), other.tenant().clientId(), other.tenant().clientSecret())
                .formParam("grant_type", "client_credentials")
                .post("/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));

        tenant.adminAt("tenant-service")
                .delete("/v1/tenant/domains/" + domain)
                .then()
                .statusCode(204);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> basic(
                                at(domain),
                                tenant.tenant().clientId(),
                                tenant.tenant().clientSecret())
                        .formParam("grant_type", "client_credentials")
                        .post("/token")
                        .then()
                        .statusCode(404));
        assertThat(at(domain)
                        .get("/.well-known/openid-configuration")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>path("issuer"))
                .isEqualTo(PlatformTestStack.serviceUnderTestUrl());
    }

    @Test
    void hostWhenNoTenantProvedItThenNoIssuer() {
        var stranger = at("nobody-" + UUID.randomUUID().toString().substring(0, 8) + ".example");
        stranger.contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/token")
                .then()
                .statusCode(404);
        stranger.get("/authorize").then().statusCode(404);
    }

    private static void prove(TokenFixture tenant, String domain) {
        var claim = tenant.adminAt("tenant-service")
                .body(Map.of("domain", domain))
                .post("/v1/tenant/domains")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        TestDns.publishTxt(claim.getString("verification.name"), claim.getString("verification.value"));
        tenant.adminAt("tenant-service")
                .post("/v1/tenant/domains/" + domain + "/verify")
                .then()
                .statusCode(200);
    }

    /** A request to this token-service as the ingress passes one for {@code host} (TLS ended there). */
    private static RequestSpecification at(String host) {
        return given().header("Host", host);
    }

    private static RequestSpecification basic(RequestSpecification request, String clientId, String secret) {
        return request.auth().preemptive().basic(clientId, secret).contentType(ContentType.URLENC);
    }

    private static ValidatableResponse introspect(
            RequestSpecification request, String clientId, String secret, String token) {
        return basic(request, clientId, secret)
                .formParam("token", token)
                .post("/introspect")
                .then()
                .statusCode(200);
    }

    private static String token(RequestSpecification request, String clientId, String secret) {
        return basic(request, clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
