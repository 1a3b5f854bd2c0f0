package io.nexidentity.token.discovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.token.TokenFixture;

@QuarkusTest
class DiscoveryTest {

    /** The tenant's metadata, at its OpenID Connect discovery URL and at its RFC 8414 one (section 3.1). */
    @Test
    void metadataWhenFetchedThenTenantIssuerEndpointsAndOnlyWhatIsImplemented() {
        var fixture = TokenFixture.start("pro");
        var issuer = fixture.issuer();
        // the bootstrap client reaches the token-service's client table a moment after the registration answered
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> fixture.oauth()
                        .get("/.well-known/openid-configuration")
                        .then()
                        .body("grant_types_supported", hasItem("client_credentials")));
        for (var metadata : List.of(
                fixture.oauth().get("/.well-known/openid-configuration"),
                given().get("/.well-known/oauth-authorization-server" + fixture.issuerPath()))) {
            metadata.then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("issuer", equalTo(issuer))
                    .body("token_endpoint", equalTo(issuer + "/token"))
                    .body("jwks_uri", equalTo(issuer + "/jwks"))
                    .body("introspection_endpoint", equalTo(issuer + "/introspect"))
                    .body("revocation_endpoint", equalTo(issuer + "/revoke"))
                    .body("authorization_endpoint", equalTo(issuer + "/authorize"))
                    .body("userinfo_endpoint", equalTo(issuer + "/userinfo"))
                    .body("end_session_endpoint", equalTo(issuer + "/logout"))
                    .body("device_authorization_endpoint", equalTo(issuer + "/device_authorization"))
                    .body("response_types_supported", contains("code"))
                    .body("code_challenge_methods_supported", contains("S256"))
                    .body("id_token_signing_alg_values_supported", containsInAnyOrder("RS256", "ES256"))
                    .body("subject_types_supported", contains("public"))
                    // a new tenant has its bootstrap credential and its admin client (public: PKCE, device grant,
                    // refresh) only, and discovery says no more than they can do
                    .body(
                            "grant_types_supported",
                            contains(
                                    "authorization_code",
                                    "client_credentials",
                                    "refresh_token",
                                    "urn:ietf:params:oauth:grant-type:device_code"))
                    .body(
                            "token_endpoint_auth_methods_supported",
                            contains("client_secret_basic", "client_secret_post", "none"))
                    .body(
                            "introspection_endpoint_auth_methods_supported",
                            contains("client_secret_basic", "client_secret_post"))
                    .body("scopes_supported", contains("nexidentity.admin", "offline_access", "openid"));
        }
    }

    /** What the tenant's clients are registered for shows in its discovery document, and nothing they are not. */
    @Test
    void metadataWhenTheTenantRegistersClientsThenTheirGrantsMethodsAndScopesAreListed() {
        var fixture = TokenFixture.start("pro");
        var application = fixture.application();
        fixture.automationClient(application.getString("application_id"), "ES256");
        fixture.client(Map.of(
                "application_id",
                application.getString("application_id"),
                "name",
                "web",
                "profile",
                "interactive_web",
                "redirect_uris",
                List.of("https://app.example/callback")));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> fixture.oauth()
                        .get("/.well-known/openid-configuration")
                        .then()
                        .statusCode(200)
                        .body(
                                "grant_types_supported",
                                containsInAnyOrder(
                                        "authorization_code",
                                        "client_credentials",
                                        "refresh_token",
                                        "urn:ietf:params:oauth:grant-type:device_code"))
                        .body(
                                "scopes_supported",
                                hasItems("nexidentity.admin", "openid", "orders:read", "orders:write"))
                        .body("token_endpoint_auth_methods_supported", hasItems("client_secret_basic"))
                        .body("token_endpoint_auth_methods_supported", not(hasItem("tls_client_auth")))
                        .body("token_endpoint_auth_methods_supported", not(hasItem("private_key_jwt"))));
    }

    @Test
    void jwksWhenFetchedThenTheTenantsPublicKeysOnlyEachWithKidAndCacheable() {
        var keys = TokenFixture.start("pro")
                .oauth()
                .get("/jwks")
                .then()
                .statusCode(200)
                .header("Cache-Control", "public, max-age=300")
                .extract()
                .jsonPath()
                .<Map<String, Object>>getList("keys");

        assertThat(keys).isNotEmpty();
        assertThat(keys).allSatisfy(key -> {
            assertThat(key).containsKeys("kid", "kty", "alg", "use");
            assertThat(key).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
        });
        assertThat(keys).extracting(key -> key.get("alg")).contains("RS256", "ES256");
    }
}
