package io.nexidentity.token.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.token.TokenFixture;

/**
 * The quickstart's token path end to end: bootstrap client → admin token from the tenant's issuer → application and
 * automation client at the real services (which validate the tenant issuer's tokens with quarkus-oidc) → a client
 * credentials token the moment the client exists, verified independently with nimbus against the tenant's JWKS.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class ClientCredentialsFlowTest {

    @Test
    void bootstrapClientWhenRegistrationReturnsThenAdminTokenWorksAtOnceAgainstTheAdminApis() throws Exception {
        var fixture = TokenFixture.start("pro");

        var claims = fixture.verifyWithJwks(fixture.adminToken(), "nexidentity-admin");
        assertThat(claims.getSubject()).isEqualTo(fixture.tenant().clientId());
        assertThat(claims.getStringClaim("client_id"))
                .isEqualTo(fixture.tenant().clientId());
        assertThat(claims.getStringClaim("scope")).isEqualTo("nexidentity.admin");
        assertThat(claims.getStringClaim("tenant_id"))
                .isEqualTo(fixture.tenant().tenantId().toString());
        assertThat(claims.getStringClaim("organization_id"))
                .isEqualTo(fixture.tenant().organizationId().toString());
        // a machine's admin token: nexid.token.machine-admin-token-lifetime, not the 15 minutes of others
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        fixture.adminAt("tenant-service")
                .get("/v1/tenant")
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(fixture.tenant().tenantId().toString()));
    }

    @Test
    void automationClientWhenJustCreatedThenTokenCarriesApplicationAudienceScopesAndTenantContext() throws Exception {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var created = fixture.automationClient(app.getString("application_id"), "RS256");
        var mark = EventLog.mark(Topic.AUTH);

        var response = TokenFixture.clientCredentials(
                        fixture.issuer(),
                        created.getString("client_id"),
                        created.getString("client_secret"),
                        "orders:read")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("scope", equalTo("orders:read"))
                .extract()
                .jsonPath();

        var token = response.getString("access_token");
        var jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        var claims = fixture.verifyWithJwks(token, app.getString("key"));
        assertThat(claims.getAudience()).containsExactly(app.getString("key"));
        assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read");
        assertThat(claims.getStringClaim("tenant_id"))
                .isEqualTo(fixture.tenant().tenantId().toString());
        assertThat(claims.getJWTID()).isNotBlank();
        var issued = mark.await(fixture.tenant().tenantId(), EventLog.ofType("nexid.token.issued.v1"), 1).stream()
                .filter(EventLog.ofType("nexid.token.issued.v1"))
                .filter(event -> event.get("subject").asText().equals(claims.getJWTID()))
                .findFirst()
                .orElseThrow();
        assertThat(issued.get("data").get("grant_type").asText()).isEqualTo("client_credentials");
        assertThat(issued.get("data").get("authentication_method").asText()).isEqualTo("client_secret_basic");
        assertThat(issued.get("data").get("organization_id").asText())
                .isEqualTo(fixture.tenant().organizationId().toString());
    }

    @Test
    void es256ClientWhenTokenRequestedThenSignedWithEs256() throws Exception {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var created = fixture.automationClient(app.getString("application_id"), "ES256");

        var token = TokenFixture.clientCredentials(
                        fixture.issuer(), created.getString("client_id"), created.getString("client_secret"), null)
                .then()
                .statusCode(200)
                .body("scope", equalTo("orders:read orders:write"))
                .extract()
                .<String>path("access_token");

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        fixture.verifyWithJwks(token, app.getString("key"));
    }

    @Test
    void clientSecretPostWhenRegisteredForItThenAccepted() {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var created = fixture.client(Map.of(
                "application_id", app.getString("application_id"),
                "name", "poster",
                "profile", "automation",
                "scopes", List.of("orders:read"),
                "token_endpoint_auth_method", "client_secret_post"));

        fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", created.getString("client_id"))
                .formParam("client_secret", created.getString("client_secret"))
                .post("/token")
                .then()
                .statusCode(200);
        TokenFixture.clientCredentials(
                        fixture.issuer(), created.getString("client_id"), created.getString("client_secret"), null)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }
}
