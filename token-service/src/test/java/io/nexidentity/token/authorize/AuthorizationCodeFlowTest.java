package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;

/**
 * The authorization code flow end to end over HTTP, with the real tenant-, application- and client-services: hosted
 * sign-in, PKCE, single sign-on, ID tokens checked independently with nimbus against the JWKS, single-use codes,
 * refresh rotation with reuse detection, userinfo and RP-initiated logout, and every refusal on the way.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class AuthorizationCodeFlowTest {

    private static final String SCOPE = "openid profile email tenant_context";

    @Inject
    Pool pool;

    @Test
    void signInWhenPasswordRightThenCodeGivesAccessIdAndRefreshTokensWithTenantContext() throws Exception {
        var flow = BrowserFlow.start();
        var mark = EventLog.mark(Topic.AUTH);
        var params = flow.request(SCOPE);

        var page = flow.authorize(params);
        page.then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .body(containsString(
                        "<form method=\"post\" action=\"" + flow.fixture.issuerPath() + "/authorize/sign-in\">"));
        assertThat(page.getDetailedCookie(BrowserFlow.CSRF_COOKIE).isHttpOnly()).isTrue();
        var redirect = flow.signIn(page, flow.fixture.tenant().adminEmail(), TenantFixture.PASSWORD);
        assertThat(redirect.statusCode()).isEqualTo(303);
        var session = redirect.getDetailedCookie("nexid_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
        var query = BrowserFlow.callbackQuery(redirect);
        assertThat(query).containsEntry("state", params.get("state")).containsEntry("iss", flow.fixture.issuer());

        var tokens = flow.exchange(query.get("code"), BrowserFlow.CALLBACK, flow.verifier)
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo(SCOPE))
                .extract()
                .jsonPath();

        var tenant = flow.fixture.tenant();
        var access = flow.fixture.verifyWithJwks(tokens.getString("access_token"), flow.applicationKey);
        assertThat(access.getSubject()).isEqualTo(tenant.userId().toString());
        assertThat(access.getStringClaim("client_id")).isEqualTo(flow.clientId);
        assertThat(access.getStringClaim("user_id")).isEqualTo(tenant.userId().toString());
        assertThat(access.getStringClaim("tenant_id"))
                .isEqualTo(tenant.tenantId().toString());
        assertThat(access.getStringClaim("organization_id"))
                .isEqualTo(tenant.organizationId().toString());
        assertThat(access.getStringClaim("membership_id"))
                .isEqualTo(tenant.membershipId().toString());
        assertThat(access.getClaim("perm_ver")).isNotNull();

        var id = verifyIdToken(flow, tokens.getString("id_token"));
        assertThat(id.getSubject()).isEqualTo(tenant.userId().toString());
        assertThat(id.getStringClaim("nonce")).isEqualTo(params.get("nonce"));
        assertThat(id.getStringClaim("azp")).isEqualTo(flow.clientId);
        assertThat(id.getStringClaim("sid")).isNotBlank();
        assertThat(id.getLongClaim("auth_time")).isPositive();
        assertThat(id.getStringClaim("at_hash")).isEqualTo(atHash(tokens.getString("access_token")));
        assertThat(tokens.getString("refresh_token")).hasSizeGreaterThanOrEqualTo(43);

        var signedIn = mark.awaitType(tenant.tenantId(), "nexid.sign_in.succeeded.v1");
        assertThat(signedIn.path("data").path("client_id").asText()).isEqualTo(flow.clientId);
        assertThat(signedIn.path("data").path("sid").asText()).isEqualTo(id.getStringClaim("sid"));
        var issued = mark.awaitType(tenant.tenantId(), "nexid.token.issued.v1");
        assertThat(issued.path("data").path("grant_type").asText()).isEqualTo("authorization_code");
    }

    @Test
    void codeWhenPresentedAgainThenRefusedAndTokensIssuedFromItRevoked() {
        var flow = BrowserFlow.start();
        var mark = EventLog.mark(Topic.AUTH);
        var params = flow.request(SCOPE);
        var code = flow.code(params);
        var tokens = flow.exchange(code, BrowserFlow.CALLBACK, flow.verifier)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(flow.active(tokens.getString("access_token"))).isTrue();

        flow.exchange(code, BrowserFlow.CALLBACK, flow.verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));

        assertThat(flow.active(tokens.getString("access_token"))).isFalse();
        flow.refresh(tokens.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        mark.awaitType(flow.fixture.tenant().tenantId(), "nexid.authorization.code_replayed.v1");
    }

    @Test
    void codeWhenVerifierRedirectUriOrClientWrongThenInvalidGrant() {
        var flow = BrowserFlow.start();
        var params = flow.request(SCOPE);
        var code = flow.code(params);
        flow.exchange(code, BrowserFlow.CALLBACK, "a".repeat(43))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("code_verifier"));

        // The browser is signed in now: single sign-on answers without the sign-in page.
        params = flow.request(SCOPE);
        var sso = flow.authorize(params);
        assertThat(sso.statusCode()).isEqualTo(302);
        code = BrowserFlow.callbackQuery(sso).get("code");
        flow.exchange(code, "https://app.example/other", flow.verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));

        params = flow.request(SCOPE);
        code = flow.code(params);
        var other = BrowserFlow.start();
        other.exchange(code, BrowserFlow.CALLBACK, flow.verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));

        flow.exchange("not-a-code", BrowserFlow.CALLBACK, flow.verifier)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        flow.exchange(code, BrowserFlow.CALLBACK, "short")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void authorizeWhenClientOrRedirectUriUnknownThenErrorPageAndNoRedirect() {
        var flow = BrowserFlow.start();
        var params = flow.request(SCOPE);
        params.put("redirect_uri", "https://attacker.example/callback");
        flow.authorize(params).then().statusCode(400).header("Location", nullValue());

        params = flow.request(SCOPE);
        params.put("client_id", "nxc-unknown");
        flow.authorize(params).then().statusCode(400).header("Location", nullValue());

        params = flow.request(SCOPE);
        params.remove("redirect_uri");
        flow.authorize(params).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void authorizeWhenPkceMissingOrPlainOrScopeUnknownThenErrorRedirectedWithState() {
        var flow = BrowserFlow.start();
        var cases = Map.of(
                "code_challenge", "invalid_request",
                "code_challenge_method", "invalid_request",
                "response_type", "invalid_request");
        cases.forEach((missing, error) -> {
            var params = flow.request(SCOPE);
            params.remove(missing);
            var query = BrowserFlow.callbackQuery(flow.authorize(params));
            assertThat(query).containsEntry("error", error).containsEntry("state", params.get("state"));
        });

        var params = flow.request(SCOPE);
        params.put("code_challenge_method", "plain");
        params.put("code_challenge", flow.verifier);
        assertThat(BrowserFlow.callbackQuery(flow.authorize(params))).containsEntry("error", "invalid_request");

        params = flow.request("openid orders:delete");
        assertThat(BrowserFlow.callbackQuery(flow.authorize(params))).containsEntry("error", "invalid_scope");

        params = flow.request(SCOPE);
        params.put("response_type", "token");
        assertThat(BrowserFlow.callbackQuery(flow.authorize(params)))
                .containsEntry("error", "unsupported_response_type");

        params = flow.request(SCOPE);
        params.put("prompt", "none");
        assertThat(BrowserFlow.callbackQuery(flow.authorize(params))).containsEntry("error", "login_required");
    }

    @Test
    void signInWhenPasswordWrongOrUserUnknownThenSameGenericAnswerEventsAndThrottle() {
        var flow = BrowserFlow.start();
        var tenant = flow.fixture.tenant();
        var mark = EventLog.mark(Topic.AUTH);
        var page = flow.authorize(flow.request(SCOPE));

        flow.signIn(page, tenant.adminEmail(), "wrong password entirely")
                .then()
                .statusCode(401)
                .body(containsString("The email or password is incorrect."));
        flow.signIn(page, "nobody@nowhere.example", "whatever it is")
                .then()
                .statusCode(401)
                .body(containsString("The email or password is incorrect."));
        var reasons = mark.await(tenant.tenantId(), EventLog.ofType("nexid.sign_in.failed.v1"), 2).stream()
                .map(event -> event.path("data").path("reason").asText())
                .toList();
        assertThat(reasons).containsExactlyInAnyOrder("wrong_password", "unknown_user");

        for (int i = 0; i < 4; i++) {
            flow.signIn(page, tenant.adminEmail(), "still wrong " + i).then().statusCode(401);
        }
        flow.signIn(page, tenant.adminEmail(), TenantFixture.PASSWORD)
                .then()
                .statusCode(429)
                .header("Location", nullValue());
        mark.await(
                tenant.tenantId(),
                event -> "nexid.sign_in.failed.v1".equals(event.path("type").asText())
                        && "rate_limited"
                                .equals(event.path("data").path("reason").asText()),
                1);
    }

    @Test
    void signInWhenAnotherInstanceCountedTheFailuresThenThrottledHereToo() {
        var flow = BrowserFlow.start();
        var tenant = flow.fixture.tenant();
        var account = SignInThrottle.accountKey(tenant.tenantId(), tenant.adminEmail());
        pool.preparedQuery("insert into limited_attempt (attempt_key, attempted_at) select $1, now()"
                        + " from generate_series(1, 5)")
                .execute(Tuple.of(account))
                .await()
                .atMost(Duration.ofSeconds(10));

        flow.signIn(flow.authorize(flow.request(SCOPE)), tenant.adminEmail(), TenantFixture.PASSWORD)
                .then()
                .statusCode(429);
    }

    @Test
    void signInWhenCsrfCookieMissingOrRequestUnknownThenRefused() {
        var flow = BrowserFlow.start();
        var page = flow.authorize(flow.request(SCOPE));
        flow.cookies.remove(BrowserFlow.CSRF_COOKIE);
        flow.signIn(page, flow.fixture.tenant().adminEmail(), TenantFixture.PASSWORD)
                .then()
                .statusCode(403)
                .header("Location", nullValue());

        flow.fixture
                .oauth()
                .contentType(ContentType.URLENC)
                .formParam("request_id", "unknown")
                .formParam("csrf_token", "unknown")
                .formParam("username", "a@b.example")
                .formParam("password", "x")
                .post("/authorize/sign-in")
                .then()
                .statusCode(400)
                .header("Location", nullValue());
    }

    @Test
    void refreshWhenRotatedThenNewPairAndReuseRevokesTheFamily() {
        var flow = BrowserFlow.start();
        var mark = EventLog.mark(Topic.AUTH);
        var first = flow.tokens(SCOPE);

        var second = flow.refresh(first.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));
        assertThat(flow.active(second.getString("access_token"))).isTrue();
        flow.fixture
                .oauth()
                .auth()
                .preemptive()
                .basic(flow.clientId, flow.clientSecret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", second.getString("refresh_token"))
                .formParam("scope", "openid orders:write")
                .post("/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));

        flow.refresh(first.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));

        assertThat(flow.active(second.getString("access_token"))).isFalse();
        flow.refresh(second.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        mark.awaitType(flow.fixture.tenant().tenantId(), "nexid.refresh_token.reuse_detected.v1");
    }

    @Test
    void revokeWhenRefreshTokenThenFamilyAndItsAccessTokensGo() {
        var flow = BrowserFlow.start();
        var tokens = flow.tokens(SCOPE);
        var other = BrowserFlow.start();
        other.revoke(tokens.getString("refresh_token")).then().statusCode(200);
        assertThat(flow.active(tokens.getString("access_token"))).isTrue();

        flow.revoke(tokens.getString("refresh_token")).then().statusCode(200);

        assertThat(flow.active(tokens.getString("access_token"))).isFalse();
        flow.refresh(tokens.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshWhenUserDisabledThenNoNewTokensAsSoonAsTheEventArrives() {
        var flow = BrowserFlow.start();
        var refreshToken = new AtomicReference<>(flow.tokens(SCOPE).getString("refresh_token"));
        // the user is the tenant's only owner: another one first, or the tenant would keep none who can sign in
        var tenant = flow.fixture.tenant();
        var secondOwner = flow.fixture
                .adminAt("tenant-service")
                .body(Map.of(
                        "email",
                        "owner-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "Otto",
                        "password",
                        TenantFixture.PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("user_id");
        flow.fixture
                .adminAt("tenant-service")
                .body(Map.of("user_id", secondOwner, "roles", java.util.List.of("owner")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(201);
        flow.fixture
                .adminAt("tenant-service")
                .post("/v1/users/" + tenant.userId() + "/disable")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var response = flow.refresh(refreshToken.get());
            if (response.statusCode() == 200) {
                refreshToken.set(response.path("refresh_token"));
            }
            response.then().statusCode(400).body("error", equalTo("invalid_grant"));
        });
    }

    @Test
    void refreshWhenMembershipRolesChangedThenNewPermissionVersionInTokens() throws Exception {
        var flow = BrowserFlow.start();
        var first = flow.tokens(SCOPE);
        var firstVersion = ((Number) SignedJWT.parse(first.getString("access_token"))
                        .getJWTClaimsSet()
                        .getClaim("perm_ver"))
                .intValue();
        flow.fixture
                .adminAt("tenant-service")
                .body(Map.of("roles", java.util.List.of("admin", "owner")))
                .patch("/v1/memberships/" + flow.fixture.tenant().membershipId())
                .then()
                .statusCode(200);

        var refreshToken = new AtomicReference<>(first.getString("refresh_token"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var refreshed = flow.refresh(refreshToken.get())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            refreshToken.set(refreshed.getString("refresh_token"));
            var version = ((Number) SignedJWT.parse(refreshed.getString("access_token"))
                            .getJWTClaimsSet()
                            .getClaim("perm_ver"))
                    .intValue();
            assertThat(version).isGreaterThan(firstVersion);
        });
    }

    @Test
    void userinfoWhenBearerHasOpenidThenClaimsPerScope() {
        var flow = BrowserFlow.start();
        var tenant = flow.fixture.tenant();
        var tokens = flow.tokens(SCOPE);

        flow.fixture
                .oauth()
                .auth()
                .oauth2(tokens.getString("access_token"))
                .get("/userinfo")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("sub", equalTo(tenant.userId().toString()))
                .body("email", equalTo(tenant.adminEmail()))
                .body("preferred_username", equalTo(tenant.adminEmail()))
                .body("tenant_id", equalTo(tenant.tenantId().toString()))
                .body("organization_id", equalTo(tenant.organizationId().toString()))
                .body("membership_id", equalTo(tenant.membershipId().toString()))
                .body("slug", equalTo(tenant.slug()));

        flow.fixture
                .oauth()
                .contentType(ContentType.URLENC)
                .formParam("access_token", tokens.getString("access_token"))
                .post("/userinfo")
                .then()
                .statusCode(200)
                .body("sub", equalTo(tenant.userId().toString()));

        flow.fixture
                .oauth()
                .get("/userinfo")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        flow.fixture
                .oauth()
                .auth()
                .oauth2("not.a.token")
                .get("/userinfo")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        flow.fixture
                .oauth()
                .auth()
                .oauth2(flow.fixture.adminToken())
                .get("/userinfo")
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
    }

    @Test
    void logoutWhenRegisteredRedirectThenSessionEndsAndBrowserGoesThere() {
        var flow = BrowserFlow.start();
        var mark = EventLog.mark(Topic.AUTH);
        var tokens = flow.tokens(SCOPE);

        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .cookies(flow.cookies)
                .queryParam("id_token_hint", tokens.getString("id_token"))
                .queryParam("post_logout_redirect_uri", "https://attacker.example/")
                .get("/logout")
                .then()
                .statusCode(400)
                .header("Location", nullValue());

        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .cookies(flow.cookies)
                .queryParam("id_token_hint", tokens.getString("id_token"))
                .queryParam("post_logout_redirect_uri", BrowserFlow.LOGGED_OUT)
                .queryParam("state", "bye")
                .get("/logout")
                .then()
                .statusCode(302)
                .header("Location", equalTo(BrowserFlow.LOGGED_OUT + "?state=bye"));
        mark.awaitType(flow.fixture.tenant().tenantId(), "nexid.session.ended.v1");

        var params = flow.request(SCOPE);
        params.put("prompt", "none");
        assertThat(BrowserFlow.callbackQuery(flow.authorize(params))).containsEntry("error", "login_required");
    }

    @Test
    void sessionWhenClientOfAnotherTenantAsksThenSignInAgain() {
        var flow = BrowserFlow.start();
        flow.tokens(SCOPE);
        var other = BrowserFlow.start();
        other.cookies.putAll(flow.cookies);

        other.authorize(other.request(SCOPE)).then().statusCode(200).body(containsString("Sign in"));
        var params = other.request(SCOPE);
        params.put("prompt", "none");
        assertThat(BrowserFlow.callbackQuery(other.authorize(params))).containsEntry("error", "login_required");
    }

    /**
     * An independent ID token check: nimbus, keys from the tenant's JWKS, exact issuer (the tenant's) and audience (the
     * client), required claims.
     */
    private static JWTClaimsSet verifyIdToken(BrowserFlow flow, String token) throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), flow.fixture.jwks()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                flow.clientId,
                new JWTClaimsSet.Builder().issuer(flow.fixture.issuer()).build(),
                Set.of("sub", "exp", "iat", "auth_time", "at_hash")));
        return processor.process(token, null);
    }

    private static String atHash(String accessToken) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
