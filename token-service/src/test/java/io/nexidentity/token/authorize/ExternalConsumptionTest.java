package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
import io.nexidentity.token.TokenFixture;

/**
 * The application's external-consumption policy decides, on every user token, which organizations' members may have
 * one and which membership the token carries: {@code organization} admits the owning organization only, {@code tenant}
 * any organization of the tenant, {@code allowlist} the listed organizations and tenants. Real tenant-, application-
 * and client-services; the policy reaches the token-service as an event.
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
        var outsider = memberOfNewOrganization(flow.fixture, "outsider");
        var mark = EventLog.mark(Topic.AUTH);

        signIn(flow, outsider.email()).then().statusCode(400).body("error", equalTo("invalid_grant"));

        var denied = mark.awaitType(tenant.tenantId(), "nexid.authorization.denied.v1");
        assertThat(denied.path("subject").asText()).isEqualTo(outsider.userId().toString());
        var data = denied.path("data");
        assertThat(data.path("client_id").asText()).isEqualTo(flow.clientId);
        assertThat(data.path("organization_id").asText())
                .isEqualTo(tenant.organizationId().toString());
        assertThat(data.path("policy").asText()).isEqualTo("organization");

        var insider = new BrowserFlow(flow);
        var tokens = signIn(insider, tenant.adminEmail()).then().statusCode(200).extract();
        assertThat(organizationOf(tokens.path("access_token")))
                .isEqualTo(tenant.organizationId().toString());
    }

    @Test
    void tenantPolicyAdmitsAnyOrganizationAndTheTokenCarriesTheUsersOwnMembership() throws Exception {
        var flow = BrowserFlow.start();
        var outsider = memberOfNewOrganization(flow.fixture, "tenant-wide");
        setPolicy(flow, Map.of("mode", "tenant"));

        var tokens = awaitAdmitted(flow, outsider.email());

        assertThat(organizationOf(tokens.path("access_token")))
                .isEqualTo(outsider.organizationId().toString());
    }

    @Test
    void allowlistAdmitsTheListedOrganizationsAndTenantsOnly() throws Exception {
        var flow = BrowserFlow.start();
        var listed = memberOfNewOrganization(flow.fixture, "listed");
        var unlisted = memberOfNewOrganization(flow.fixture, "unlisted");
        setPolicy(flow, Map.of("mode", "allowlist", "allowed_organizations", List.of(listed.organizationId())));

        var tokens = awaitAdmitted(flow, listed.email());
        assertThat(organizationOf(tokens.path("access_token")))
                .isEqualTo(listed.organizationId().toString());
        signIn(new BrowserFlow(flow), unlisted.email()).then().statusCode(400);

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
        var outsider = memberOfNewOrganization(flow.fixture, "narrowed");
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

    private record Member(UUID userId, String email, UUID organizationId) {}

    /** A user whose only membership is in a new organization of the flow's tenant. */
    private static Member memberOfNewOrganization(TokenFixture fixture, String name) {
        var organizationId = UUID.fromString(fixture.adminAt("tenant-service")
                .body(Map.of("name", name + "-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/v1/organizations")
                .then()
                .statusCode(201)
                .extract()
                .path("organization_id"));
        var email = name + "-" + UUID.randomUUID() + "@example.com";
        var userId = UUID.fromString(fixture.adminAt("tenant-service")
                .body(Map.of("email", email, "name", "Uma User", "password", TenantFixture.PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("user_id"));
        fixture.adminAt("tenant-service")
                .body(Map.of("user_id", userId, "roles", List.of("member")))
                .post("/v1/organizations/" + organizationId + "/memberships")
                .then()
                .statusCode(201);
        return new Member(userId, email, organizationId);
    }

    private static void setPolicy(BrowserFlow flow, Map<String, Object> policy) {
        flow.fixture
                .adminAt("application-service")
                .body(Map.of("external_consumption", policy))
                .patch("/v1/applications/" + flow.applicationId)
                .then()
                .statusCode(200);
    }

    /** A fresh browser signs {@code email} in and the relying party exchanges the code. */
    private static Response signIn(BrowserFlow flow, String email) {
        var params = flow.request(SCOPE);
        var page = flow.authorize(params);
        var redirect = page.statusCode() == 200 ? flow.signIn(page, email, TenantFixture.PASSWORD) : page;
        var code = BrowserFlow.callbackQuery(redirect).get("code");
        return flow.exchange(code, BrowserFlow.CALLBACK, flow.verifier);
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
