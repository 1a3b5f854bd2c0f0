package io.nexidentity.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.webhook.Receiver;

/**
 * A host name that resolves to a public address when the endpoint is registered and to an internal one when an event
 * is delivered (DNS rebinding). The module's tests resolve names from a hosts file without caching (see the pom), so
 * this test changes what the name resolves to by rewriting that file.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service"))
class DnsRebindingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Path HOSTS = Path.of(System.getProperty("jdk.net.hosts.file"));
    private static final String LOOPBACK = "127.0.0.1 localhost\n";
    private static final Receiver RECEIVER = new Receiver();

    @AfterEach
    void restoreHosts() throws IOException {
        Files.writeString(HOSTS, LOOPBACK);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void deliverWhenHostNowResolvesToMetadataAddressThenRefusedWithoutRetry() throws IOException {
        var tenant = tenant();
        var host = uniqueHost("rebind");
        resolve(host, "203.0.113.7");
        var endpointId = register(tenant, host);

        resolve(host, "169.254.169.254");
        tenant.createUser("rebind-" + UUID.randomUUID() + "@example.com");

        var delivery = awaitDelivery(tenant, endpointId, "failed");
        assertThat(delivery.getInt("attempts")).isEqualTo(1);
        assertThat(delivery.getString("next_attempt_at")).isNull();
        assertThat(delivery.getString("attempt_history[0].error"))
                .isEqualTo("the host " + host + " resolves to an address inside the platform's network");
        assertThat(delivery.getString("attempt_history[0].status_code")).isNull();
        tenant.admin()
                .body(endpointBody(tenant, host))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(400)
                .body("detail", containsString("inside the platform's network"))
                .body("detail", not(containsString("169.254")));
    }

    @Test
    void deliverWhenHostStopsResolvingThenRetriedUntilItResolvesAgain() throws IOException {
        var tenant = tenant();
        var host = uniqueHost("vanish");
        resolve(host, "127.0.0.1");
        var endpointId = register(tenant, host);

        Files.writeString(HOSTS, LOOPBACK);
        tenant.createUser("vanish-" + UUID.randomUUID() + "@example.com");
        awaitDelivery(tenant, endpointId, "retrying");
        resolve(host, "127.0.0.1");

        await().atMost(PATIENCE).until(() -> RECEIVER.received("/rebound").size() == 1);
        var delivery = awaitDelivery(tenant, endpointId, "succeeded");
        assertThat(delivery.getInt("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(delivery.getString("attempt_history[0].error")).isEqualTo("the host " + host + " does not resolve");
    }

    private static String uniqueHost(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".nexid.test";
    }

    private static void resolve(String host, String address) throws IOException {
        Files.writeString(HOSTS, LOOPBACK + address + " " + host + "\n");
    }

    private static String register(TenantFixture tenant, String host) {
        return tenant.admin()
                .body(endpointBody(tenant, host))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .path("endpoint_id");
    }

    private static Map<String, Object> endpointBody(TenantFixture tenant, String host) {
        var receiver = RECEIVER.url("/rebound").replace("127.0.0.1", host);
        return Map.of(
                "organization_id",
                tenant.organizationId(),
                "url",
                receiver,
                "event_types",
                List.of("nexid.user.created.v1"));
    }

    private static JsonPath awaitDelivery(TenantFixture tenant, String endpointId, String status) {
        var deliveries = await().atMost(PATIENCE)
                .until(
                        () -> tenant.admin()
                                .get("/v1/webhook-endpoints/" + endpointId + "/deliveries")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        page -> status.equals(page.getString("items[0].status")));
        return tenant.admin()
                .get("/v1/webhook-deliveries/" + deliveries.getString("items[0].delivery_id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static TenantFixture tenant() {
        return TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
    }
}
