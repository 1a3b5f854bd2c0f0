package io.nexidentity.examples.backend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.quickstart.HostedPages;
import io.nexidentity.quickstart.PlatformApi;

/**
 * The example backend against the real token-service: what a tenant developer relies on. Tokens of this application
 * and tenant pass and carry their tenant context; everything else is refused: other applications, other tenants, a
 * missing scope, ID tokens, altered or forged signatures.
 */
@QuarkusTest
@QuarkusTestResource(
        value = TenantBackendPlatform.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service,token-service"),
            @ResourceArg(name = "issuer", value = "token-service")
        })
class TenantBackendTest {

    @Test
    void automationTokenReadsItsTenantsOrders() throws Exception {
        var token = tokenOf(TenantBackendPlatform.tenant, TenantBackendPlatform.automation);

        given().auth()
                .oauth2(token)
                .get("/api/orders")
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(TenantBackendPlatform.tenant.tenantId()));
        given().auth()
                .oauth2(token)
                .get("/api/context")
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(TenantBackendPlatform.tenant.tenantId()))
                .body("client_id", equalTo(id(TenantBackendPlatform.automation)));
    }

    @Test
    void userTokenCarriesTheTenantContextOfItsMembership() throws Exception {
        var tokens = new HostedPages(TenantBackendPlatform.tenant.issuer())
                .signIn(
                        TenantBackendPlatform.web,
                        TenantBackendPlatform.tenant.adminEmail(),
                        PlatformApi.ADMIN_PASSWORD,
                        "openid tenant_context");
        var claims = SignedJWT.parse(tokens.get("access_token").asText()).getJWTClaimsSet();

        var context = given().auth()
                .oauth2(tokens.get("access_token").asText())
                .get("/api/context")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(context.getString("tenant_id")).isEqualTo(TenantBackendPlatform.tenant.tenantId());
        assertThat(context.getString("organization_id")).isEqualTo(TenantBackendPlatform.tenant.organizationId());
        assertThat(context.getString("user_id")).isEqualTo(claims.getSubject());
        assertThat(context.getString("membership_id")).isEqualTo(claims.getStringClaim("membership_id"));
        assertThat(context.getLong("perm_ver")).isEqualTo(claims.getLongClaim("perm_ver"));

        given().auth()
                .oauth2(tokens.get("id_token").asText())
                .get("/api/context")
                .then()
                .statusCode(401);
    }

    @Test
    void tokensOfAnotherApplicationOrTenantAreRefused() throws Exception {
        for (var token : List.of(
                tokenOf(TenantBackendPlatform.tenant, TenantBackendPlatform.otherApplicationClient),
                tokenOf(TenantBackendPlatform.other, TenantBackendPlatform.otherTenantClient))) {
            given().auth().oauth2(token).get("/api/context").then().statusCode(401);
            given().auth().oauth2(token).get("/api/orders").then().statusCode(401);
        }
    }

    @Test
    void aTokenWithoutTheScopeIsForbidden() throws Exception {
        given().auth()
                .oauth2(tokenOf(TenantBackendPlatform.tenant, TenantBackendPlatform.writeOnly))
                .get("/api/orders")
                .then()
                .statusCode(403);
    }

    @Test
    void alteredForgedOrMissingTokensAreRefused() throws Exception {
        var token = tokenOf(TenantBackendPlatform.tenant, TenantBackendPlatform.automation);
        var parts = token.split("\\.");
        var claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        var widened = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.replace("orders:read", "orders:read orders:write")
                        .getBytes());
        var real = SignedJWT.parse(token);
        var forgedKey =
                new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        var forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(real.getHeader().getKeyID())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                        .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                        .build());
        forged.sign(new RSASSASigner(forgedKey));
        var unsigned = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes())
                + "." + parts[1] + ".";

        for (var refused : List.of(parts[0] + "." + widened + "." + parts[2], forged.serialize(), unsigned)) {
            given().auth().oauth2(refused).get("/api/context").then().statusCode(401);
        }
        given().get("/api/context").then().statusCode(401);
    }

    /**
     * A resource server configured with one tenant's issuer only, checking nothing but issuer and signature, refuses
     * every token of another tenant: that tenant's issuer signs with keys of its own.
     */
    @Test
    void issuerOnlyResourceServerWhenGivenAnotherTenantsTokenThenRefused() throws Exception {
        given().auth()
                .oauth2(tokenOf(TenantBackendPlatform.tenant, TenantBackendPlatform.otherApplicationClient))
                .get("/test/issuer-only")
                .then()
                .statusCode(200)
                .body(equalTo(TenantBackendPlatform.tenant.issuer()));
        given().auth()
                .oauth2(tokenOf(TenantBackendPlatform.other, TenantBackendPlatform.otherTenantClient))
                .get("/test/issuer-only")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TenantBackendPlatform.other.adminToken())
                .get("/test/issuer-only")
                .then()
                .statusCode(401);
    }

    /** A client-credentials token of {@code client}, from its tenant's issuer. */
    private static String tokenOf(PlatformApi.Tenant owner, JsonNode client) throws Exception {
        return PlatformApi.clientCredentials(
                owner.issuer(), id(client), client.get("client_secret").asText());
    }

    private static String id(JsonNode client) {
        return client.get("client_id").asText();
    }
}
