package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.runtime.security.AdminRole;
import io.nexidentity.token.TokenFixture;

/**
 * People sign in to administer through a browser too: Authorization Code + PKCE with the tenant's admin client, the
 * code coming back to a loopback port the command line opened (RFC 8252 7.3), never anywhere else.
 */
@QuarkusTest
class AdminClientAuthorizationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SCOPE = "openid offline_access nexidentity.admin";

    @Test
    void authorizeWhenALoopbackRedirectOnAnyPortThenAdminTokensForTheOwner() throws Exception {
        var fixture = TokenFixture.start("pro");
        var redirect = "http://127.0.0.1:" + (49152 + RANDOM.nextInt(16000)) + "/callback";
        var verifier = verifier();

        var query =
                callback(signIn(fixture, redirect, verifier, fixture.tenant().adminEmail()), redirect);
        assertThat(query).containsKey("code").containsEntry("iss", fixture.issuer());

        var tokens = fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("client_id", ClientIds.adminClientId(fixture.tenant().tenantId()))
                .formParam("code", query.get("code"))
                .formParam("redirect_uri", redirect)
                .formParam("code_verifier", verifier)
                .post("/token")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        var claims = SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("nexidentity-admin");
        assertThat(claims.getStringListClaim("permissions"))
                .containsExactlyInAnyOrderElementsOf(AdminRole.OWNER.permissions());
        assertThat(claims.getStringClaim("membership_id"))
                .isEqualTo(fixture.tenant().membershipId().toString());
        assertThat(tokens.getString("refresh_token")).isNotBlank();
        new TokenFixture(fixture.tenant(), tokens.getString("access_token"))
                .adminAt("tenant-service")
                .get("/v1/tenant")
                .then()
                .statusCode(200);
    }

    @Test
    void authorizeWhenTheBrowserHasASessionThenTheAdminClientStillAsksForThePassword() {
        var fixture = TokenFixture.start("pro");
        var redirect = "http://127.0.0.1:50321/callback";
        var signedIn = signIn(fixture, redirect, verifier(), fixture.tenant().adminEmail());
        assertThat(callback(signedIn, redirect)).containsKey("code");
        var session = signedIn.getCookies();
        assertThat(session).isNotEmpty();

        var again = fixture.oauth()
                .redirects()
                .follow(false)
                .cookies(session)
                .queryParams(request(fixture, redirect, verifier()))
                .get("/authorize");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.asString()).contains("name=\"password\"");

        var silent = new LinkedHashMap<>(request(fixture, redirect, verifier()));
        silent.put("prompt", "none");
        var refused = fixture.oauth()
                .redirects()
                .follow(false)
                .cookies(session)
                .queryParams(silent)
                .get("/authorize");
        assertThat(callback(refused, redirect)).containsEntry("error", "login_required");
    }

    @Test
    void authorizeWhenTheRedirectIsNotALoopbackPortThenRefusedOnThePageAndNothingIsSent() {
        var fixture = TokenFixture.start("pro");
        for (var redirect : List.of(
                "https://evil.example/callback",
                "http://localhost:50000/callback",
                "http://127.0.0.1/callback",
                "http://127.0.0.1:50000/callback?next=https://evil.example",
                "http://user@127.0.0.1:50000/callback",
                "http://127.0.0.2:50000/callback")) {
            var page = authorize(fixture, redirect, verifier());
            assertThat(page.statusCode()).as(redirect).isEqualTo(400);
            assertThat(page.header("Location")).as(redirect).isNull();
        }
    }

    @Test
    void authorizeWhenTheMemberHoldsNoAdminRoleThenAccessDeniedAtTheRedirect() {
        var fixture = TokenFixture.start("pro");
        var email = "member-" + UUID.randomUUID() + "@example.com";
        var userId = fixture.adminAt("tenant-service")
                .body(Map.of("email", email, "name", "Mo", "password", TenantFixture.PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("user_id");
        fixture.adminAt("tenant-service")
                .body(Map.of("user_id", userId, "roles", List.of("member")))
                .post("/v1/organizations/" + fixture.tenant().organizationId() + "/memberships")
                .then()
                .statusCode(201);
        var redirect = "http://[::1]:50123/callback";

        var query = callback(signIn(fixture, redirect, verifier(), email), redirect);

        assertThat(query).containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    private static Response signIn(TokenFixture fixture, String redirect, String verifier, String email) {
        var page = authorize(fixture, redirect, verifier);
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        var hidden = BrowserFlow.hiddenFields(page.asString());
        return fixture.oauth()
                .redirects()
                .follow(false)
                .cookies(page.getCookies())
                .contentType(ContentType.URLENC)
                .formParam("request_id", hidden.get("request_id"))
                .formParam("csrf_token", hidden.get("csrf_token"))
                .formParam("username", email)
                .formParam("password", TenantFixture.PASSWORD)
                .post("/authorize/sign-in");
    }

    private static Response authorize(TokenFixture fixture, String redirect, String verifier) {
        return fixture.oauth()
                .redirects()
                .follow(false)
                .queryParams(request(fixture, redirect, verifier))
                .get("/authorize");
    }

    private static Map<String, String> request(TokenFixture fixture, String redirect, String verifier) {
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", ClientIds.adminClientId(fixture.tenant().tenantId()));
        params.put("redirect_uri", redirect);
        params.put("scope", SCOPE);
        params.put("state", "s-" + UUID.randomUUID());
        params.put("code_challenge", BrowserFlow.challenge(verifier));
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static Map<String, String> callback(Response redirect, String redirectUri) {
        assertThat(redirect.statusCode()).as(redirect.asString()).isIn(302, 303);
        var location = URI.create(redirect.header("Location"));
        assertThat(location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath())
                .isEqualTo(redirectUri);
        var query = new HashMap<String, String>();
        for (var pair : location.getRawQuery().split("&")) {
            var parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String verifier() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
