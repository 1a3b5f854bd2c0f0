package io.nexidentity.quickstart;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The quickstart ("your first 24 hours") against running services, over HTTP only, as a tenant would do it: register
 * a tenant and sign its owner in with nexidctl (device grant, admin client); as the owner, register a webhook endpoint
 * on a receiver of its own, create the application, provision InteractiveWeb, Automation and ManifestPublisher clients
 * and publish a feature manifest on both paths; sign a user in with Authorization Code + PKCE and approve a device as
 * that user; validate the tokens through discovery and JWKS only; make the first protected call on the sample tenant
 * backend (examples/tenant-backend); show the webhook deliveries (signatures verified by the receiver, the history
 * through nexidctl) and the organization's audit trail by category; revoke the bootstrap credential. Prints each
 * step; exits non-zero on the first one that fails. No step sleeps: each waits only on what it needs (a delivery
 * received, an event stored).
 *
 * <p>Usage: {@code Quickstart <token-url> <tenant-url> <application-url> <client-url> <audit-url> <webhook-url>
 * <kafka-bootstrap> <tenant-backend-jar> <run-dir>}
 */
public final class Quickstart {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_SCOPE = "openid profile email tenant_context nexidentity.api";
    private static final List<String> ORGANIZATION_CATEGORIES = List.of("sign-in", "client", "authorization", "device");
    private static final Set<String> DELIVERED_TYPES = Set.of(
            "nexid.client.created.v1",
            "nexid.sign_in.succeeded.v1",
            "nexid.token.issued.v1",
            "nexid.device.authorization_approved.v1");
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

    private final String token;
    private final String tenants;
    private final String applications;
    private final String clients;
    private final String audit;
    private final String webhooks;
    private final String kafka;
    private final Path backendJar;
    private final Path runDir;

    private Quickstart(String[] args) {
        if (args.length != 9) {
            throw new IllegalArgumentException("usage: Quickstart <token-url> <tenant-url> <application-url>"
                    + " <client-url> <audit-url> <webhook-url> <kafka-bootstrap> <tenant-backend-jar> <run-dir>");
        }
        this.token = args[0];
        this.tenants = args[1];
        this.applications = args[2];
        this.clients = args[3];
        this.audit = args[4];
        this.webhooks = args[5];
        this.kafka = args[6];
        this.backendJar = Path.of(args[7]);
        this.runDir = Path.of(args[8]);
    }

    public static void main(String[] args) throws Exception {
        try {
            new Quickstart(args).run();
        } catch (Exception e) {
            System.err.println("  ✘ " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Exception {
        try (var receiver = new WebhookReceiver();
                var trail = new AuditTrail(kafka, audit)) {
            var tenant = PlatformApi.registerTenant(token, tenants, "quickstart", "evaluation");
            step(
                    "1 Register a tenant",
                    "tenant " + tenant.tenantId() + " (issuer " + tenant.issuer() + "), organization "
                            + tenant.organizationId() + ", admin " + tenant.adminEmail());
            var ctl = new AdminCommandLine(runDir.resolve("nexidctl"), adminApis());
            ctl.signIn(tenant, tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD).ok();
            var admin = ctl.accessToken();
            step(
                    "  Sign the owner in",
                    "nexidctl login: the device grant with the admin client " + tenant.adminClientId()
                            + ", approved on the hosted page; the owner's token administers from here on");
            var endpoint = PlatformApi.post(
                    webhooks + "/v1/webhook-endpoints", admin, """
                    {"organization_id":"%s","url":"%s","event_types":["*"],"description":"quickstart receiver"}""".formatted(tenant.organizationId(), receiver.url()));
            receiver.trust(endpoint.get("secret").asText());
            step("  Register a webhook endpoint", receiver.url() + " (every event type; secret shown once)");

            var application =
                    PlatformApi.post(applications + "/v1/applications", admin, """
                    {"organization_id":"%s","name":"Customer portal","api_scopes":[{"name":"orders:read"}]}""".formatted(tenant.organizationId()));
            var key = application.get("key").asText();
            var usage = PlatformApi.get(applications + "/v1/application-usage", admin);
            step(
                    "2 Create the application",
                    "key " + key + ", " + application.get("status").asText() + ", external consumption "
                            + application
                                    .path("external_consumption")
                                    .path("mode")
                                    .asText() + ", quota "
                            + usage.get("used").asInt() + " of "
                            + usage.get("quota").asInt() + " applications");

            var applicationId = application.get("application_id").asText();
            var web = client(admin, """
                    {"application_id":"%s","name":"portal-web","profile":"interactive_web",
                     "redirect_uris":["%s","%s/web/callback","%s/web/callback"],
                     "post_logout_redirect_uris":["%s/web/signed-out","%s/web/signed-out"]}""".formatted(
                            applicationId,
                            HostedPages.CALLBACK,
                            TenantBackend.URL,
                            TenantBackend.LOCALHOST_URL,
                            TenantBackend.URL,
                            TenantBackend.LOCALHOST_URL));
            var automation = client(admin, """
                    {"application_id":"%s","name":"portal-backend","profile":"automation","scopes":["orders:read"]}""".formatted(applicationId));
            var publisher = client(admin, """
                    {"application_id":"%s","name":"portal-release","profile":"manifest_publisher"}""".formatted(applicationId));
            step(
                    "3 Provision clients",
                    "InteractiveWeb " + id(web) + ", Automation " + id(automation) + ", ManifestPublisher "
                            + id(publisher) + " (secrets shown once)");
            var basic = publish(key, "1.0.0", "Basic " + PlatformApi.basic(id(publisher), secret(publisher)), 10);
            var publisherToken = PlatformApi.clientCredentials(tenant.issuer(), id(publisher), secret(publisher));
            var bearer = publish(key, "1.1.0", "Bearer " + publisherToken, 50);
            step(
                    "  Publish a feature manifest",
                    "1.0.0 over Basic (compatibility path): " + basic + "; 1.1.0 over Bearer: " + bearer);

            var pages = new HostedPages(tenant.issuer());
            var userTokens = pages.signIn(web, tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD, USER_SCOPE);
            step(
                    "4 Sign a user in",
                    "Authorization Code + PKCE: access, ID and refresh tokens for " + tenant.adminEmail());
            var device = pages.deviceAuthorization(web, "openid tenant_context");
            pages.approveDevice(
                    device.get("verification_uri_complete").asText(), tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD);
            var deviceTokens = pages.deviceTokens(web, device.get("device_code").asText());
            step(
                    "  Approve a device",
                    "user code " + device.get("user_code").asText() + " approved by " + tenant.adminEmail()
                            + "; the device's poll got "
                            + deviceTokens.get("token_type").asText() + " tokens");

            var discovery = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(tenant.issuer() + "/.well-known/openid-configuration"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            validate(discovery, userTokens.get("access_token").asText(), key, "tenant_context");
            var machineToken = PlatformApi.clientCredentials(tenant.issuer(), id(automation), secret(automation));
            validate(discovery, machineToken, key, "orders:read");
            step(
                    "5 Validate tokens",
                    "issuer, audience, signature, exp/nbf, scope: discovery + "
                            + discovery.get("jwks_uri").asText());

            TenantBackend.start(backendJar, runDir, tenant.issuer(), key, id(web), secret(web));
            var context = PlatformApi.get(
                    TenantBackend.URL + "/api/context",
                    userTokens.get("access_token").asText());
            var orders = PlatformApi.get(TenantBackend.URL + "/api/orders", machineToken);
            step(
                    "6 First protected call",
                    "tenant backend " + TenantBackend.URL + " (quarkus-oidc, audience " + key + ") read user "
                            + context.get("user_id").asText() + ", organization "
                            + context.get("organization_id").asText() + ", membership "
                            + context.get("membership_id").asText() + ", perm_ver " + context.get("perm_ver")
                            + "; the automation token read orders of tenant "
                            + orders.get("tenant_id").asText());

            var endpointId = endpoint.get("endpoint_id").asText();
            step("7 Webhook deliveries", deliveries(ctl, endpointId, receiver));
            System.out.println("    $ ./nexid ctl webhooks deliveries " + endpointId + " --limit 5");
            ctl.run("webhooks", "deliveries", endpointId, "--limit", "5")
                    .ok()
                    .lines()
                    .forEach(line -> System.out.println("    " + line));
            var organization = trail.events(
                    admin,
                    tenant.organizationId(),
                    events -> AuditTrail.byCategory(events).keySet().containsAll(ORGANIZATION_CATEGORIES));
            var tenantWide = trail.events(
                    admin, null, events -> AuditTrail.byCategory(events).containsKey("licensing"));
            step(
                    "  Audit trail",
                    "organization: " + AuditTrail.byCategory(organization) + "; tenant-wide licensing: "
                            + AuditTrail.byCategory(tenantWide).get("licensing"));

            ctl.run("tenants", "revoke-bootstrap-credential").ok();
            step(
                    "8 Revoke the first-day key",
                    "the bootstrap credential: " + refused(tenant) + "; the owner still administers tenant "
                            + JSON.readTree(ctl.run("tenants", "show", "-o", "json")
                                            .ok())
                                    .get("slug")
                                    .asText());
        }
        System.out.println("""

                Next: open %1$s/web in a browser and sign in as the admin above (password "%2$s"): the hosted
                pages, then the tenant backend calling its API with your token; brand the pages with PUT
                %3$s/v1/tenant/branding; "Forgot your password?" mails land in ./nexid logs tenant-service. Each
                service's API is at <service>/q/openapi, events are in docs/events.md. nexidctl is signed in as the
                owner: ./nexid ctl --help; replay the failed webhook deliveries of the last hour with
                ./nexid ctl webhooks replay --failed-since 1h; follow the audit trail with ./nexid ctl audit tail -f.""".formatted(TenantBackend.URL, PlatformApi.ADMIN_PASSWORD, tenants));
    }

    private JsonNode client(String admin, String body) throws Exception {
        return PlatformApi.post(clients + "/v1/clients", admin, body);
    }

    /** NEXIDCTL_API of this platform: each admin API on its service's port. */
    private String adminApis() {
        return String.join(
                ",",
                "tenant-service=" + tenants,
                "application-service=" + applications,
                "client-service=" + clients,
                "audit-service=" + audit,
                "webhook-dispatcher=" + webhooks);
    }

    /** Waits until the token-service has learnt of the revocation: the bootstrap client gets no token any more. */
    private static String refused(PlatformApi.Tenant tenant) throws Exception {
        var deadline = Instant.now().plus(DELIVERY_WAIT);
        while (true) {
            try {
                PlatformApi.clientCredentials(tenant.issuer(), tenant.bootstrapClientId(), tenant.bootstrapSecret());
            } catch (IllegalStateException refused) {
                if (refused.getMessage().contains("invalid_client")) {
                    return "its client " + tenant.bootstrapClientId() + " now gets invalid_client";
                }
                throw refused;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the revoked bootstrap client still gets tokens after " + DELIVERY_WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Publishes a manifest version; the answer's status. */
    private int publish(String key, String version, String authorization, int rolloutPercent) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(applications + "/v1/manifests/" + key + "/versions/" + version))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("""
                                {"schema_version":1,"features":{"new-checkout":{"enabled":true,"rollout_percent":%d}}}""".formatted(rolloutPercent)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "publishing manifest " + version + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    /**
     * Waits until the receiver has verified a delivery of each kind the steps produced, then reads the endpoint's
     * delivery history: every delivery with its attempts.
     */
    private String deliveries(AdminCommandLine ctl, String endpointId, WebhookReceiver receiver) throws Exception {
        var deadline = Instant.now().plus(DELIVERY_WAIT);
        while (!receiver.verifiedByType().keySet().containsAll(DELIVERED_TYPES)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the receiver got " + receiver.verifiedByType() + " in "
                        + DELIVERY_WAIT.toSeconds() + " s, not every one of " + DELIVERED_TYPES
                        + ": see GET " + webhooks + "/v1/webhook-endpoints/" + endpointId + "/deliveries");
            }
            Thread.sleep(100);
        }
        if (receiver.rejected() > 0) {
            throw new IllegalStateException(receiver.rejected() + " deliveries failed signature verification");
        }
        var history = new ArrayList<JsonNode>();
        JSON.readTree(ctl.run("webhooks", "deliveries", endpointId, "--limit", "100", "-o", "json")
                        .ok())
                .get("items")
                .forEach(history::add);
        var succeeded = history.stream()
                .filter(delivery -> "succeeded".equals(delivery.get("status").asText()))
                .count();
        var attempts = history.stream()
                .mapToInt(delivery -> delivery.get("attempts").asInt())
                .sum();
        return receiver.verifiedByType().values().stream()
                        .mapToLong(Long::longValue)
                        .sum()
                + " received, every signature verified (Standard Webhooks); history: " + succeeded + " of "
                + history.size() + " succeeded in " + attempts + " attempts";
    }

    /** What a tenant backend does before trusting claims: keys from the JWKS named by discovery, every check. */
    private static void validate(JsonNode discovery, String jwt, String audience, String requiredScope)
            throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                JWKSourceBuilder.create(new URL(discovery.get("jwks_uri").asText()))
                        .build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder()
                        .issuer(discovery.get("issuer").asText())
                        .build(),
                Set.of("sub", "exp", "iat", "jti", "scope", "tenant_id")));
        processor.setJWSTypeVerifier((type, context) -> {
            if (type == null || !"at+jwt".equals(type.getType())) {
                throw new BadJOSEException("not an access token (typ at+jwt, RFC 9068)");
            }
        });
        var claims = processor.process(jwt, null);
        if (!Set.of(claims.getStringClaim("scope").split(" ")).contains(requiredScope)) {
            throw new IllegalStateException("the token lacks the scope " + requiredScope);
        }
    }

    private static String id(JsonNode client) {
        return client.get("client_id").asText();
    }

    private static String secret(JsonNode client) {
        return client.get("client_secret").asText();
    }

    private static void step(String name, String outcome) {
        System.out.printf("  ✔ %-30s %s%n", name, outcome);
    }
}
