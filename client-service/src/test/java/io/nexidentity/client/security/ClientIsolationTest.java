package io.nexidentity.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.client.ClientFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class ClientIsolationTest {

    @Test
    void clientsWhenAddressedByOtherTenantThenNotFoundAuditedAndUnchanged() {
        var a = ClientFixture.tenant("pro");
        var b = ClientFixture.tenant("pro");
        var bApp = ClientFixture.application(b).getString("application_id");
        var bClient = ClientFixture.automationClient(b, bApp).getString("client_id");
        var mark = EventLog.mark(Topic.SECURITY);

        for (var response : List.of(
                a.admin().get("/v1/clients/" + bClient),
                a.admin().body(Map.of("name", "pwned")).patch("/v1/clients/" + bClient),
                a.admin().post("/v1/clients/" + bClient + "/disable"),
                a.admin().post("/v1/clients/" + bClient + "/secrets"),
                a.admin().get("/v1/clients/" + bClient + "/secrets"),
                a.admin().delete("/v1/clients/" + bClient),
                a.admin()
                        .body(Map.of(
                                "application_id",
                                bApp,
                                "name",
                                "in-b",
                                "profile",
                                "automation",
                                "scopes",
                                List.of("orders:read")))
                        .post("/v1/clients"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        }

        var attempts = mark.await(b.tenantId(), event -> true, 7);
        assertThat(attempts)
                .extracting(event -> event.get("data").get("resource_type").asText())
                .containsExactly("client", "client", "client", "client", "client", "client", "application");
        b.admin()
                .get("/v1/clients/" + bClient)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("name", equalTo("backend"));
    }
}
