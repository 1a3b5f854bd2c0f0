package io.nexidentity.examples.backend;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.nexidentity.quickstart.HostedPages;
import io.nexidentity.quickstart.PlatformApi;
import io.nexidentity.runtime.contract.PlatformTestStack;

/**
 * The real platform around the backend: tenant-, application-, client- and token-service, launched from their packaged
 * jars. Before the backend starts, a tenant registers an application (whose key becomes the backend's audience) and its
 * clients, and a second tenant registers its own application: the tokens the tests present. The backend trusts the
 * first tenant's issuer only; its web login ({@code /web}) uses a confidential client registered for its test port.
 */
public class TenantBackendPlatform extends PlatformTestStack {

    static PlatformApi.Tenant tenant;
    /** Another tenant, with its own issuer: none of its tokens is for the backend. */
    static PlatformApi.Tenant other;

    static String audience;
    static String applicationId;
    static JsonNode web;
    static JsonNode automation;
    static JsonNode writeOnly;
    static JsonNode otherApplicationClient;
    static JsonNode otherTenantClient;
    /** The confidential client the backend's own {@code /web} pages sign people in with. */
    static JsonNode webLogin;

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(super.start());
        try {
            tenant = PlatformApi.registerTenant(url("token-service"), url("tenant-service"), "backend", "pro");
            var application = application(tenant);
            audience = application.get("key").asText();
            applicationId = application.get("application_id").asText();
            web = client(tenant, """
                    {"application_id":"%s","name":"web","profile":"interactive_web","redirect_uris":["%s"]}""".formatted(applicationId, HostedPages.CALLBACK));
            automation = automation(tenant, applicationId, "orders:read");
            writeOnly = automation(tenant, applicationId, "orders:write");
            otherApplicationClient =
                    automation(tenant, application(tenant).get("application_id").asText(), "orders:read");
            other = PlatformApi.registerTenant(url("token-service"), url("tenant-service"), "other", "pro");
            otherTenantClient =
                    automation(other, application(other).get("application_id").asText(), "orders:read");
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the tenants: " + e.getMessage(), e);
        }
        config.put("quarkus.oidc.auth-server-url", tenant.issuer());
        config.put("quarkus.oidc.token.audience", audience);
        // IssuerOnlyResource: the first tenant's issuer, and no other check
        config.put("quarkus.oidc.issuer-only.auth-server-url", tenant.issuer());
        config.put("quarkus.oidc.issuer-only.application-type", "service");
        config.put("quarkus.oidc.issuer-only.tenant-paths", "/test/issuer-only");
        config.put("quarkus.oidc.issuer-only.authentication.user-info-required", "false");
        var backend = serviceUnderTestUrl();
        try {
            webLogin = client(tenant, """
                    {"application_id":"%s","name":"web-login","profile":"interactive_web",
                     "redirect_uris":["%s/web/callback"],"post_logout_redirect_uris":["%s/web/signed-out"]}""".formatted(applicationId, backend, backend));
        } catch (Exception e) {
            throw new IllegalStateException("could not register the web client: " + e.getMessage(), e);
        }
        config.put("quarkus.oidc.web.tenant-enabled", "true");
        config.put("quarkus.oidc.web.auth-server-url", tenant.issuer());
        config.put("quarkus.oidc.web.client-id", webLogin.get("client_id").asText());
        config.put(
                "quarkus.oidc.web.credentials.secret",
                webLogin.get("client_secret").asText());
        return config;
    }

    private static JsonNode application(PlatformApi.Tenant owner) throws Exception {
        return PlatformApi.post(url("application-service") + "/v1/applications", owner.adminToken(), """
                {"organization_id":"%s","name":"orders-%s","api_scopes":[{"name":"orders:read"},{"name":"orders:write"}]}""".formatted(
                        owner.organizationId(), System.nanoTime()));
    }

    private static JsonNode automation(PlatformApi.Tenant owner, String applicationId, String scope) throws Exception {
        return client(owner, """
                {"application_id":"%s","name":"backend-%s","profile":"automation","scopes":["%s"]}""".formatted(applicationId, System.nanoTime(), scope));
    }

    static JsonNode client(PlatformApi.Tenant owner, String body) throws Exception {
        return PlatformApi.post(url("client-service") + "/v1/clients", owner.adminToken(), body);
    }
}
