package io.nexidentity.token.discovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

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
                    .body(
                            "grant_types_supported",
                            containsInAnyOrder(
                                    "authorization_code",
                                    "client_credentials",
                                    "refresh_token",
                                    "urn:ietf:params:oauth:grant-type:device_code"))
                    .body("device_authorization_endpoint", equalTo(issuer + "/device_authorization"))
                    .body("response_types_supported", contains("code"))
                    .body("code_challenge_methods_supported", contains("S256"))
                    .body("id_token_signing_alg_values_supported", containsInAnyOrder("RS256", "ES256"))
                    .body("subject_types_supported", contains("public"))
                    .body(
                            "token_endpoint_auth_methods_supported",
                            containsInAnyOrder(
                                    "client_secret_basic",
                                    "client_secret_post",
                                    "private_key_jwt",
                                    "tls_client_auth",
                                    "self_signed_tls_client_auth",
                                    "none"))
                    .body(
                            "introspection_endpoint_auth_methods_supported",
                            containsInAnyOrder(
                                    "client_secret_basic",
                                    "client_secret_post",
                                    "private_key_jwt",
                                    "tls_client_auth",
                                    "self_signed_tls_client_auth"));
        }
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
