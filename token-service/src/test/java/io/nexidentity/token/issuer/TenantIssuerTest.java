package io.nexidentity.token.issuer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.MalformedURLException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.token.TokenFixture;

/**
 * Two tenants, two issuers: each has its own discovery document, keys and endpoints under {@code /t/{slug}}, and
 * nothing of one is accepted at the other — a client, a token, a device code — while the refusal lands in the audit
 * trail of the tenant whose endpoint was called.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class TenantIssuerTest {

    private static TokenFixture a;
    private static TokenFixture b;
    private static Client aClient;
    private static Client bClient;

    record Client(String id, String secret, String audience) {}

    @BeforeAll
    static void tenants() {
        a = TokenFixture.start("pro");
        b = TokenFixture.start("pro");
        aClient = automation(a);
        bClient = automation(b);
    }

    @Test
    void discoveryWhenAskedPerTenantThenEveryEndpointLivesUnderTheTenantsIssuer() {
        var issuer = a.issuer();
        var document = given().get(issuer + "/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(document.getString("issuer")).isEqualTo(issuer);
        for (var endpoint : List.of(
                "authorization_endpoint",
                "token_endpoint",
                "userinfo_endpoint",
                "end_session_endpoint",
                "device_authorization_endpoint",
                "jwks_uri",
                "introspection_endpoint",
                "revocation_endpoint")) {
            assertThat(document.getString(endpoint)).startsWith(issuer + "/");
        }
        for (var alias : document.getMap("mtls_endpoint_aliases").values()) {
            assertThat((String) alias).contains("/t/" + a.tenant().slug() + "/");
        }
        var rfc8414 = given().get(PlatformTestStack.serviceUnderTestUrl() + "/.well-known/oauth-authorization-server/t/"
                        + a.tenant().slug())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rfc8414.getString("issuer")).isEqualTo(issuer);
        assertThat(rfc8414.getString("token_endpoint")).isEqualTo(issuer + "/token");
        assertThat(given().get(b.issuer() + "/.well-known/openid-configuration")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>path("issuer"))
                .isEqualTo(b.issuer());
    }

    @Test
    void platformRootWhenAskedThenOnlyTheSharedIssuersKeysAndNoEndpoints() {
        var root = given().get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(root.getMap("")).containsOnlyKeys("issuer", "jwks_uri");
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/token")
                .then()
                .statusCode(404);
    }

    @Inject
    MeterRegistry registry;

    @Test
    void unknownSlugWhenCalledThenNotFound() {
        var unknownBefore = lookups("unknown");
        given().get("/t/no-such-tenant-here/.well-known/openid-configuration")
                .then()
                .statusCode(404)
                .body("error", equalTo("invalid_request"));
        given().get("/t/NOT_A_SLUG/jwks").then().statusCode(404);
        tokenRequest(a.issuer().replace(a.tenant().slug(), "zz-" + a.tenant().slug()), aClient)
                .then()
                .statusCode(404);
        // the two invented slugs were looked up (and counted); the malformed one never reaches a lookup
        assertThat(lookups("unknown")).isGreaterThanOrEqualTo(unknownBefore + 2);
    }

    @Test
    void tokensWhenIssuedThenSignedWithTheTenantsOwnKeysUnderItsIssuer() throws Exception {
        var aToken = token(a, aClient);
        var bToken = token(b, bClient);
        var aKids = kids(a);
        var bKids = kids(b);
        assertThat(aKids).isNotEmpty().doesNotContainAnyElementsOf(bKids);
        assertThat(aKids).contains(SignedJWT.parse(aToken).getHeader().getKeyID());
        assertThat(bKids).contains(SignedJWT.parse(bToken).getHeader().getKeyID());

        var claims = resourceServer(a, aClient.audience()).process(aToken, null);
        assertThat(claims.getIssuer()).isEqualTo(a.issuer());
        assertThat(claims.getStringClaim("tenant_id"))
                .isEqualTo(a.tenant().tenantId().toString());
    }

    /**
     * A resource server configured with tenant A's issuer only, checking nothing but issuer and signature (no audience,
     * no tenant claim), still refuses tenant B's token: B's keys are not in A's key set.
     */
    @Test
    void resourceServerOfOneTenantWhenGivenAnotherTenantsTokenThenRefused() {
        var bToken = token(b, bClient);
        var processor = resourceServer(a, null);
        assertThatThrownBy(() -> processor.process(bToken, null)).isInstanceOf(Exception.class);
    }

    @Test
    void clientWhenUsedAtAnotherTenantsEndpointsThenRefusedAsUnknownAndAuditedThere() {
        var mark = EventLog.mark(Topic.AUTH);
        tokenRequest(b.issuer(), aClient).then().statusCode(401).body("error", equalTo("invalid_client"));
        basic(b.issuer(), aClient)
                .formParam("token", token(a, aClient))
                .post("/introspect")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        basic(b.issuer(), aClient)
                .formParam("token", token(a, aClient))
                .post("/revoke")
                .then()
                .statusCode(401);
        basic(b.issuer(), aClient)
                .post("/device_authorization")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        var refused = mark.awaitType(b.tenant().tenantId(), "nexid.client_authentication.failed.v1");
        assertThat(refused.path("data").path("client_id").asText()).isEqualTo(aClient.id());
        assertThat(refused.path("data").path("reason").asText()).isEqualTo("client of another tenant");
    }

    /**
     * The admin APIs consider only issuers a tenant holds, and only for that tenant's tokens: an unsigned token naming
     * an invented slug, or a real tenant's issuer with another tenant's id, is refused (401) without a key fetch.
     */
    @Test
    void adminApiWhenTheTokenNamesAnIssuerNoTenantHoldsThenRefused() {
        var invented = unsigned(Map.of(
                "iss",
                PlatformTestStack.serviceUnderTestUrl() + "/t/nobody-" + System.nanoTime(),
                "tenant_id",
                a.tenant().tenantId().toString()));
        var misnamed = unsigned(
                Map.of("iss", a.issuer(), "tenant_id", b.tenant().tenantId().toString()));
        for (var token : List.of(invented, misnamed)) {
            a.adminAt("tenant-service")
                    .auth()
                    .oauth2(token)
                    .get("/v1/tenant")
                    .then()
                    .statusCode(401);
        }
        a.adminAt("tenant-service").get("/v1/tenant").then().statusCode(200);
    }

    @Test
    void tokenWhenPresentedAtAnotherTenantsEndpointsThenUnknownAndAuditedThere() {
        var aToken = token(a, aClient);
        var mark = EventLog.mark(Topic.SECURITY);
        basic(b.issuer(), bClient)
                .formParam("token", aToken)
                .post("/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        basic(a.issuer(), aClient)
                .formParam("token", aToken)
                .post("/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true));
        given().auth().oauth2(aToken).get(b.issuer() + "/userinfo").then().statusCode(401);
        // revoking at B what A issued changes nothing at A
        basic(b.issuer(), bClient)
                .formParam("token", aToken)
                .post("/revoke")
                .then()
                .statusCode(200);
        basic(a.issuer(), aClient)
                .formParam("token", aToken)
                .post("/introspect")
                .then()
                .body("active", equalTo(true));
        var refused = mark.awaitType(b.tenant().tenantId(), "nexid.security.cross_tenant_access_denied.v1");
        assertThat(refused.path("data").path("caller_tenant_id").asText())
                .isEqualTo(a.tenant().tenantId().toString());
        assertThat(refused.path("data").path("caller_subject").asText()).isEqualTo(aClient.id());
        assertThat(refused.path("data").path("resource_type").asText()).isEqualTo("access_token");
    }

    @Test
    void authorizeWhenNamingAnotherTenantsClientThenUnknownClient() {
        var web = a.client(Map.of(
                "application_id",
                a.application().getString("application_id"),
                "name",
                "web",
                "profile",
                "interactive_web",
                "redirect_uris",
                List.of("https://app.example/callback")));
        var query = Map.of(
                "client_id", web.getString("client_id"),
                "redirect_uri", "https://app.example/callback",
                "response_type", "code",
                "scope", "openid",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method", "S256");
        given().redirects()
                .follow(false)
                .queryParams(query)
                .get(b.issuer() + "/authorize")
                .then()
                .statusCode(400);
        given().redirects()
                .follow(false)
                .queryParams(query)
                .get(a.issuer() + "/authorize")
                .then()
                .statusCode(200);
    }

    /** A JWT with {@code claims} and no signature, as an attacker sends one to see what trusts it. */
    private static String unsigned(Map<String, Object> claims) {
        var now = System.currentTimeMillis() / 1000;
        var builder = new JWTClaimsSet.Builder()
                .audience("nexidentity-admin")
                .subject("intruder")
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date((now + 300) * 1000));
        claims.forEach(builder::claim);
        return new PlainJWT(builder.build()).serialize();
    }

    private double lookups(String outcome) {
        return registry.counter("nexid.issuer.lookups", "kind", "slug", "outcome", outcome)
                .count();
    }

    private static Client automation(TokenFixture fixture) {
        var application = fixture.application();
        var client = fixture.automationClient(application.getString("application_id"), "RS256");
        return new Client(
                client.getString("client_id"), client.getString("client_secret"), application.getString("key"));
    }

    private static RequestSpecification basic(String issuer, Client client) {
        return TokenFixture.oauthAt(issuer)
                .auth()
                .preemptive()
                .basic(client.id(), client.secret())
                .contentType(ContentType.URLENC);
    }

    private static Response tokenRequest(String issuer, Client client) {
        return TokenFixture.clientCredentials(issuer, client.id(), client.secret(), null);
    }

    private static String token(TokenFixture fixture, Client client) {
        return tokenRequest(fixture.issuer(), client)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static List<String> kids(TokenFixture fixture) {
        return given().get(fixture.issuer() + "/jwks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keys.kid");
    }

    /** A relying party's validation (nimbus): the issuer's discovered JWKS, its exact issuer, an audience if given. */
    private static DefaultJWTProcessor<SecurityContext> resourceServer(TokenFixture issuer, String audience) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier((type, context) -> {});
        try {
            processor.setJWSKeySelector(
                    new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), issuer.jwks()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience, new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), Set.of("sub", "exp")));
        return processor;
    }
}
