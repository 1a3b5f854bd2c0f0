package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;

/**
 * The application's external-consumption policy decides, on every user token, which organizations' members may have
 * one and which membership the token carries: {@code organization} admits the owning organization only, {@code tenant}
 * any organization of the tenant, {@code allowlist} the listed organizations and tenants; a relying party may ask for
 * one of the user's organizations with the {@code organization} request parameter. Refusals are {@code access_denied}
 * at /authorize and {@code invalid_grant} at /token. Real tenant-, application- and client-services; the policy reaches
 * the token-service as an event.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class ExternalConsumptionTest {

    private static final String SCOPE = "openid tenant_context";
    private static final Duration POLICY_PROPAGATION = Duration.ofSeconds(20);

    @Test
    void organizationPolicyRefusesAMemberOfAnotherOrganizationWithAnAuditEvent() throws Exception {
        var flow = BrowserFlow.start();
        var tenant = flow.fixture.tenant();
        var outsider = flow.fixture.memberOfNewOrganization("outsider");
        var mark = EventLog.mark(Topic.AUTH);

        var params = flow.request(SCOPE);
        var callback = callback(flow, outsider.email(), params);

        assertThat(callback).containsEntry("error", "access_denied").containsEntry("state", params.get("state"));
        assertThat(callback).doesNotContainKey("code");

        var denied = mark.awaitType(tenant.tenantId(), "nexid.authorization.denied.v1");
        assertThat(denied.path("subject").asText()).isEqualTo(outsider.userId().toString());
        var data = denied.path("data");
        assertThat(data.path("client_id").asText()).isEqualTo(flow.clientId);
        assertThat(data.path("organization_id").asText())
                .isEqualTo(tenant.organizationId().toString());
        assertThat(data.path("policy").asText()).isEqualTo("organization");
        assertThat(data.path("requested_organization_id").isNull()).isTrue();

        var insider = new BrowserFlow(flow);
        var tokens = signIn(insider, tenant.adminEmail()).then().statusCode(200).extract();
        assertThat(organizationOf(tokens.path("access_token")))
                .isEqualTo(tenant.organizationId().toString());
    }

    @Test
    void tenantPolicyAdmitsAnyOrganizationAndTheTokenCarriesTheUsersOwnMembership() throws Exception {
        var flow = BrowserFlow.start();
        var outsider = flow.fixture.memberOfNewOrganization("tenant-wide");
        setPolicy(flow, Map.of("mode", "tenant"));

        var tokens = awaitAdmitted(flow, outsider.email());

        assertThat(organizationOf(tokens.path("access_token")))
                .isEqualTo(outsider.organizationId().toString());
    }

    @Test
    void allowlistAdmitsTheListedOrganizationsAndTenantsOnly() throws Exception {
        var flow = BrowserFlow.start();
        var listed = flow.fixture.memberOfNewOrganization("listed");
        var unlisted = flow.fixture.memberOfNewOrganization("unlisted");
        setPolicy(flow, Map.of("mode", "allowlist", "allowed_organizations", List.of(listed.organizationId())));

        var tokens = awaitAdmitted(flow, listed.email());
        assertThat(organizationOf(tokens.path("access_token")))
                .isEqualTo(listed.organizationId().toString());
        assertThat(callback(new BrowserFlow(flow), unlisted.email(), flow.request(SCOPE)))
                .containsEntry("error", "access_denied");

        setPolicy(
                flow,
                Map.of(
                        "mode",
                        "allowlist",
                        "allowed_tenants",
                        List.of(flow.fixture.tenant().tenantId())));
        var tenantWide = awaitAdmitted(flow, unlisted.email());
        assertThat(organizationOf(tenantWide.path("access_token")))
                .isEqualTo(unlisted.organizationId().toString());
    }

    @Test
    void narrowingThePolicyStopsTheRefreshOfTokensIssuedUnderTheWiderOne() {
        var flow = BrowserFlow.start();
        var outsider = flow.fixture.memberOfNewOrganization("narrowed");
        setPolicy(flow, Map.of("mode", "tenant"));
        var refreshToken = new AtomicReference<String>(
                awaitAdmitted(flow, outsider.email()).path("refresh_token"));
        assertThat(refreshToken.get()).isNotBlank();

        setPolicy(flow, Map.of("mode", "organization"));

        await().atMost(POLICY_PROPAGATION).untilAsserted(() -> {
            var refreshed = flow.refresh(refreshToken.get());
            if (refreshed.statusCode() == 200) {
                refreshToken.set(refreshed.path("refresh_token"));
            }
            assertThat(refreshed.statusCode()).isEqualTo(400);
            assertThat(refreshed.<String>path("error")).isEqualTo("invalid_grant");
        });
    }

    @Test
    void requestedOrganizationIsTheOneTheTokensCarryWhenThePolicyAdmitsItAndTheUserIsAMember() throws Exception {
        var flow = BrowserFlow.start();
        var tenant = flow.fixture.tenant();
        var listed = flow.fixture.memberOfNewOrganization("requested");
        var unlisted = flow.fixture.organization("not-requested");
        flow.fixture.addMembership(unlisted, listed.userId());
        setPolicy(flow, Map.of("mode", "allowlist", "allowed_organizations", List.of(listed.organizationId())));
        awaitAdmitted(flow, listed.email());

        var mark = EventLog.mark(Topic.AUTH);
        var refused = callback(new BrowserFlow(flow), listed.email(), requestFor(flow, unlisted));
        assertThat(refused).containsEntry("error", "access_denied");
        var denied = mark.awaitType(tenant.tenantId(), "nexid.authorization.denied.v1");
        assertThat(denied.path("data").path("requested_organization_id").asText())
                .isEqualTo(unlisted.toString());
        assertThat(denied.path("data").path("policy").asText()).isEqualTo("allowlist");

        var notAMember =
                callback(new BrowserFlow(flow), tenant.adminEmail(), requestFor(flow, listed.organizationId()));
        assertThat(notAMember).containsEntry("error", "access_denied");

        var browser = new BrowserFlow(flow);
        var params = requestFor(browser, listed.organizationId());
        var code = callback(browser, listed.email(), params).get("code");
        var tokens = browser.exchange(code, BrowserFlow.CALLBACK, browser.verifier)
                .then()
                .statusCode(200)
                .extract();
        assertThat(organizationOf(tokens.path("access_token")))
                .isEqualTo(listed.organizationId().toString());
        var refreshed = browser.refresh(tokens.path("refresh_token"))
                .then()
                .statusCode(200)
                .extract();
        assertThat(organizationOf(refreshed.path("access_token")))
                .isEqualTo(listed.organizationId().toString());
    }

    @Test
    void organizationParameterOnlyTakesACanonicalOrganizationId() {
        var flow = BrowserFlow.start();
        for (var alias : List.of(
                "1-1-1-1-1", flow.fixture.tenant().organizationId().toString().toUpperCase(), "default")) {
            var params = flow.request(SCOPE);
            params.put("organization", alias);
            var query = BrowserFlow.callbackQuery(flow.authorize(params));
            assertThat(query).as(alias).containsEntry("error", "invalid_request");
        }
    }

    private static Map<String, String> requestFor(BrowserFlow flow, UUID organizationId) {
        var params = flow.request(SCOPE);
        params.put("organization", organizationId.toString());
        return params;
    }

    private static void setPolicy(BrowserFlow flow, Map<String, Object> policy) {
        flow.fixture
                .adminAt("application-service")
                .body(Map.of("external_consumption", policy))
                .patch("/v1/applications/" + flow.applicationId)
                .then()
                .statusCode(200);
    }

    /** The browser signs {@code email} in (unless it has a session) and comes back to the client with this. */
    private static Map<String, String> callback(BrowserFlow flow, String email, Map<String, String> params) {
        var page = flow.authorize(params);
        var redirect = page.statusCode() == 200 ? flow.signIn(page, email, TenantFixture.PASSWORD) : page;
        return BrowserFlow.callbackQuery(redirect);
    }

    /** The browser signs {@code email} in and the relying party exchanges the code. */
    private static Response signIn(BrowserFlow flow, String email) {
        var callback = callback(flow, email, flow.request(SCOPE));
        assertThat(callback).as("the authorization response").containsKey("code");
        return flow.exchange(callback.get("code"), BrowserFlow.CALLBACK, flow.verifier);
    }

    /** Tokens for {@code email}, once the application's new policy has reached the token-service. */
    private static Response awaitAdmitted(BrowserFlow flow, String email) {
        var admitted = new AtomicReference<Response>();
        await().atMost(POLICY_PROPAGATION).untilAsserted(() -> {
            var response = signIn(new BrowserFlow(flow), email);
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            admitted.set(response);
        });
        return admitted.get();
    }

    private static String organizationOf(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("organization_id");
    }
}
