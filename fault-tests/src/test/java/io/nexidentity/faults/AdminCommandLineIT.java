package io.nexidentity.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nexidentity.quickstart.AdminCommandLine;
import io.nexidentity.quickstart.PlatformApi;
import io.nexidentity.quickstart.WebhookReceiver;

/**
 * nexidctl against the whole platform, as an owner and an SRE use it: the owner signs in with the device grant and
 * administers every service; a service account allowed only to replay webhooks replays and does nothing else; the
 * bootstrap credential is revoked and the tenant goes on.
 */
class AdminCommandLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private static FaultPlatform platform;

    @TempDir
    Path home;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = FaultPlatform.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void ownerAndServiceAccountWhenUsingNexidctlThenEachMayDoWhatItsPermissionsAllowAndNoMore() throws Exception {
        var tenant =
                PlatformApi.registerTenant(platform.url("token-service"), platform.url("tenant-service"), "ctl", "pro");
        var owner = new AdminCommandLine(home.resolve("owner"), apis());

        var login = owner.signIn(tenant, tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD);

        assertThat(login.ok()).contains("tenant " + tenant.tenantId(), "plan:write", "webhooks:replay");
        assertThat(login.err()).contains("only approve a code you asked for yourself");
        var session = owner.configDir().resolve("session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
                .isEqualTo("rw-------");
        assertThat(json(owner, "tenants", "show").get("tenant_id").asText()).isEqualTo(tenant.tenantId());
        var inBrowser = new AdminCommandLine(home.resolve("browser"), apis());
        assertThat(inBrowser
                        .signInWithBrowser(tenant, tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD)
                        .ok())
                .contains("tenant " + tenant.tenantId(), "plan:write");
        assertThat(inBrowser.run("tenants", "show").ok()).contains(tenant.tenantId());

        var application = json(
                owner,
                "apps",
                "create",
                "--organization",
                tenant.organizationId(),
                "--name",
                "Portal",
                "--api-scope",
                "orders:read");
        assertThat(owner.run("apps", "list").ok())
                .contains(application.get("application_id").asText(), "Portal");

        var receiver = new WebhookReceiver();
        var endpoint = PlatformApi.post(
                platform.url("webhook-dispatcher") + "/v1/webhook-endpoints", owner.accessToken(), """
                {"organization_id":"%s","url":"%s","event_types":["nexid.client.*"]}""".formatted(
                                tenant.organizationId(), receiver.url()));
        receiver.trust(endpoint.get("secret").asText());
        var endpointId = endpoint.get("endpoint_id").asText();

        var account = json(
                owner,
                "clients",
                "create",
                "--application",
                application.get("application_id").asText(),
                "--name",
                "sre-replayer",
                "--profile",
                "automation",
                "--scope",
                "orders:read",
                "--admin-permission",
                "webhooks:replay");
        assertThat(account.get("admin_permissions")).hasSize(1);
        var rotated =
                json(owner, "clients", "rotate-secret", account.get("client_id").asText());
        assertThat(rotated.get("client_secret").asText())
                .isNotEqualTo(account.get("client_secret").asText());
        assertThat(owner.run("clients", "list").ok()).contains("sre-replayer", "webhooks:replay");

        var invited = json(
                owner,
                "users",
                "invite",
                "--email",
                "auditor-" + UUID.randomUUID() + "@example.com",
                "--name",
                "Ann Auditor",
                "--organization",
                tenant.organizationId(),
                "--role",
                "auditor");
        assertThat(invited.at("/user/status").asText()).isEqualTo("invited");
        var membership = invited.at("/membership/membership_id").asText();
        var changed = json(owner, "members", "set-role", membership, "--role", "developer");
        assertThat(changed.get("roles").toString()).isEqualTo("[\"developer\"]");
        assertThat(owner.run(
                                "roles",
                                "define",
                                "release-manager",
                                "--permission",
                                "webhooks:read",
                                "--permission",
                                "webhooks:replay")
                        .ok())
                .contains("release-manager", "webhooks:replay");
        assertThat(json(owner, "members", "set-role", membership, "--role", "release-manager")
                        .get("roles")
                        .toString())
                .isEqualTo("[\"release-manager\"]");
        assertThat(owner.run("roles", "list").ok()).contains("owner", "auditor", "release-manager");
        var inUse = owner.run("roles", "delete", "release-manager");
        assertThat(inUse.status()).isEqualTo(1);
        assertThat(inUse.err()).contains("409", "role-in-use");
        assertThat(owner.run("members", "list", "--organization", tenant.organizationId())
                        .ok())
                .contains(membership, "release-manager");

        await().atMost(EVENTUALLY)
                .until(() -> json(owner, "webhooks", "deliveries", endpointId)
                                .get("items")
                                .size()
                        >= 1);
        var delivery = json(owner, "webhooks", "deliveries", endpointId)
                .get("items")
                .get(0)
                .get("delivery_id")
                .asText();
        assertThat(owner.run("webhooks", "list").ok()).contains(endpointId, receiver.url());
        await().atMost(EVENTUALLY)
                .until(() -> owner.run("audit", "tail", "-n", "50").ok().contains("nexid.client.created.v1"));
        var export = owner.run("audit", "export", "--from", "1h").ok().lines().toList();
        assertThat(export)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(
                                JSON.readTree(line).get("specversion").asText())
                        .isEqualTo("1.0"));
        var exported = home.resolve("trail.ndjson");
        owner.run("audit", "export", "--from", "1h", "--file", exported.toString())
                .ok();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exported)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllLines(exported)).hasSizeGreaterThanOrEqualTo(export.size());

        var sre = new AdminCommandLine(home.resolve("sre"), apis())
                .withVariable(
                        "NEXIDCTL_CLIENT_SECRET", rotated.get("client_secret").asText());
        assertThat(sre.run(
                                "login",
                                "--issuer",
                                tenant.issuer(),
                                "--client-id",
                                account.get("client_id").asText())
                        .ok())
                .contains("service account", "Permissions: webhooks:replay");

        var replayed = sre.run("webhooks", "replay", "--delivery", delivery);
        assertThat(replayed.ok()).contains(delivery);
        var failedSince = sre.run("webhooks", "replay", "--failed-since", "1h", "--endpoint", endpointId);
        assertThat(failedSince.ok()).contains(endpointId);
        var range = sre.run("webhooks", "replay", "--from", "1h", "--to", "0s", "--endpoint", endpointId, "-o", "json");
        assertThat(JSON.readTree(range.ok()).get(0).get("replayed").asInt()).isGreaterThanOrEqualTo(2);
        var listing = sre.run("webhooks", "deliveries", endpointId);
        assertThat(listing.status()).isEqualTo(1);
        assertThat(listing.err()).startsWith("nexidctl: 403").contains("insufficient-scope");
        assertThat(sre.run("clients", "list").status()).isEqualTo(1);
        assertThat(sre.run("audit", "export", "--from", "1h").err()).contains("403");

        var expired = (ObjectNode) JSON.readTree(Files.readString(session));
        var before = expired.get("access_token").asText();
        expired.put("expires_at", 0);
        Files.writeString(session, expired.toString());
        assertThat(owner.run("tenants", "show").ok()).contains(tenant.tenantId());
        assertThat(owner.accessToken()).as("renewed with the refresh token").isNotEqualTo(before);

        assertThat(owner.run("tenants", "revoke-bootstrap-credential").ok()).contains("revoked");
        await().atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(bootstrapRefusal(tenant)).contains("invalid_client"));
        assertThat(owner.run("tenants", "show").ok()).contains(tenant.tenantId());
        assertThat(sre.run("webhooks", "replay", "--delivery", delivery).status())
                .isZero();

        assertThat(owner.run("logout").ok()).contains("Signed out");
        assertThat(session).doesNotExist();
        assertThat(owner.run("tenants", "show").err()).contains("not signed in");
        receiver.close();
    }

    private String apis() {
        return String.join(
                ",",
                "tenant-service=" + platform.url("tenant-service"),
                "application-service=" + platform.url("application-service"),
                "client-service=" + platform.url("client-service"),
                "audit-service=" + platform.url("audit-service"),
                "webhook-dispatcher=" + platform.url("webhook-dispatcher"));
    }

    private static JsonNode json(AdminCommandLine ctl, String... args) throws Exception {
        var withJson = Arrays.copyOf(args, args.length + 2);
        withJson[args.length] = "-o";
        withJson[args.length + 1] = "json";
        return JSON.readTree(ctl.run(withJson).ok());
    }

    /** The token endpoint's answer to the bootstrap credential, or "issued" while it still gets tokens. */
    private static String bootstrapRefusal(PlatformApi.Tenant tenant) throws Exception {
        try {
            PlatformApi.clientCredentials(tenant.issuer(), tenant.bootstrapClientId(), tenant.bootstrapSecret());
            return "issued";
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }
}
