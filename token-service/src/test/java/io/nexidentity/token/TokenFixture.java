package io.nexidentity.token;

import static io.restassured.RestAssured.given;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.issuer.TenantIssuerUrls;

/**
 * The quickstart's steps through the real services: register a tenant, get an admin token from its issuer on this
 * token-service with the bootstrap client, create an application and clients with it.
 */
public record TokenFixture(TenantFixture tenant, String adminToken) {

    public static TokenFixture start(String plan) {
        var tenant = TenantFixture.register(plan, PlatformTestStack.url("tenant-service"));
        var token = clientCredentials(issuer(tenant), tenant.clientId(), tenant.clientSecret(), null)
                .then()
                .statusCode(200)
                .extract()
                .<String>path("access_token");
        return new TokenFixture(tenant, token);
    }

    /** The tenant's issuer: the {@code iss} of its tokens and the base URL of its OAuth/OIDC endpoints. */
    public String issuer() {
        return issuer(tenant);
    }

    /** The path of the tenant's issuer, as the hosted pages' forms and links name its endpoints. */
    public String issuerPath() {
        return URI.create(issuer()).getPath();
    }

    /** A request to the tenant's issuer; paths are relative to it, e.g. {@code oauth().post("/token")}. */
    public RequestSpecification oauth() {
        return oauthAt(issuer());
    }

    /** A request to a tenant's endpoints at {@code issuer} (on any token-service instance). */
    public static RequestSpecification oauthAt(String issuer) {
        return given().baseUri(issuer).port(-1);
    }

    public static Response clientCredentials(String issuer, String clientId, String secret, String scope) {
        var request = oauthAt(issuer)
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials");
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post("/token");
    }

    /**
     * Whether introspection at {@code issuer} (a tenant's endpoints, on any token-service instance) finds the token
     * active, asked by its client.
     */
    public static boolean active(String issuer, String clientId, String secret, String token) {
        return oauthAt(issuer)
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("/introspect")
                .then()
                .statusCode(200)
                .extract()
                .<Boolean>path("active");
    }

    private static String issuer(TenantFixture tenant) {
        return TenantIssuerUrls.issuer(PlatformTestStack.serviceUnderTestUrl(), tenant.slug());
    }

    /** An admin request to another service, authenticated with the token this token-service issued. */
    public RequestSpecification adminAt(String service) {
        return given().baseUri(PlatformTestStack.url(service))
                .port(-1)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON);
    }

    /** An application with API scopes orders:read and orders:write. */
    public JsonPath application() {
        return adminAt("application-service")
                .body(Map.of(
                        "organization_id", tenant.organizationId(),
                        "name", "app-" + UUID.randomUUID().toString().substring(0, 8),
                        "api_scopes", List.of(Map.of("name", "orders:read"), Map.of("name", "orders:write"))))
                .post("/v1/applications")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    public JsonPath client(Map<String, Object> request) {
        return adminAt("client-service")
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** An automation client of the application; {@code alg} null: its tokens are signed as the tenant chose. */
    public JsonPath automationClient(String applicationId, String alg) {
        var request = new HashMap<String, Object>(Map.of(
                "application_id",
                applicationId,
                "name",
                "backend",
                "profile",
                "automation",
                "scopes",
                List.of("orders:read", "orders:write")));
        if (alg != null) {
            request.put("access_token_signing_alg", alg);
        }
        return client(request);
    }

    /**
     * Verifies like an independent resource server: keys from the tenant's JWKS, nimbus, exact issuer (the tenant's)
     * and audience.
     */
    public JWTClaimsSet verifyWithJwks(String token, String audience) throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier((type, context) -> {
            if (type == null || !"at+jwt".equals(type.getType())) {
                throw new BadJOSEException("not an at+jwt");
            }
        });
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA), jwks()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer()).build(),
                Set.of("sub", "exp", "iat", "jti", "client_id", "scope")));
        return processor.process(token, null);
    }

    /** The tenant's signing keys as a relying party finds them: the JWKS named by the tenant's discovery document. */
    public JWKSource<SecurityContext> jwks() throws MalformedURLException {
        var jwksUri = oauth().get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .<String>path("jwks_uri");
        return JWKSourceBuilder.<SecurityContext>create(new URL(jwksUri))
                .retrying(false)
                .build();
    }

    /** A user of the tenant and its one membership, in an organization other than the tenant's first. */
    public record Member(UUID userId, String email, UUID organizationId) {}

    /** A new user whose only membership is in a new organization of the tenant. */
    public Member memberOfNewOrganization(String name) {
        var organizationId = organization(name);
        var email = name + "-" + UUID.randomUUID() + "@example.com";
        var userId = UUID.fromString(adminAt("tenant-service")
                .body(Map.of("email", email, "name", "Uma User", "password", TenantFixture.PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("user_id"));
        addMembership(organizationId, userId);
        return new Member(userId, email, organizationId);
    }

    public UUID organization(String name) {
        return UUID.fromString(adminAt("tenant-service")
                .body(Map.of("name", name + "-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/v1/organizations")
                .then()
                .statusCode(201)
                .extract()
                .path("organization_id"));
    }

    public void addMembership(UUID organizationId, UUID userId) {
        adminAt("tenant-service")
                .body(Map.of("user_id", userId, "roles", List.of("member")))
                .post("/v1/organizations/" + organizationId + "/memberships")
                .then()
                .statusCode(201);
    }
}
