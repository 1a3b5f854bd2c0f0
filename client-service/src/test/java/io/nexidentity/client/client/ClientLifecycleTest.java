package io.nexidentity.client.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.nexidentity.client.ClientFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class ClientLifecycleTest {

    @Test
    void lifecycleWhenUpdatedDisabledEnabledDeletedThenEachIsAnEventWithTheWholeClient() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var clientId = tenant.admin()
                .body(Map.of(
                        "application_id",
                        app,
                        "name",
                        "Web",
                        "profile",
                        "interactive_web",
                        "redirect_uris",
                        List.of("https://a.example/cb")))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("client_id");
        var mark = EventLog.mark(Topic.CLIENT);

        tenant.admin()
                .body(Map.of(
                        "redirect_uris", List.of("https://b.example/cb"),
                        "scopes", List.of("openid", "orders:read"),
                        "access_token_signing_alg", "ES256"))
                .patch("/v1/clients/" + clientId)
                .then()
                .statusCode(200)
                .body("redirect_uris", contains("https://b.example/cb"))
                .body("scopes", contains("openid", "orders:read"))
                .body("access_token_signing_alg", equalTo("ES256"));
        tenant.admin()
                .post("/v1/clients/" + clientId + "/disable")
                .then()
                .statusCode(200)
                .body("status", equalTo("disabled"));
        tenant.admin()
                .post("/v1/clients/" + clientId + "/disable")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        tenant.admin()
                .post("/v1/clients/" + clientId + "/enable")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
        tenant.admin().delete("/v1/clients/" + clientId).then().statusCode(204);
        tenant.admin().get("/v1/clients/" + clientId).then().statusCode(404);

        var events = mark.await(
                tenant.tenantId(), event -> event.get("subject").asText().equals(clientId), 4);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.client.updated.v1",
                        "nexid.client.disabled.v1",
                        "nexid.client.enabled.v1",
                        "nexid.client.deleted.v1");
        assertThat(events.get(0).get("data").get("access_token_signing_alg").asText())
                .isEqualTo("ES256");
        assertThat(events.get(1).get("data").get("status").asText()).isEqualTo("disabled");
        assertThat(events.get(3).get("data").get("status").asText()).isEqualTo("deleted");
    }

    @Test
    void updateWhenScopeNotGrantableThenRefusedAndUnchanged() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var clientId = ClientFixture.automationClient(tenant, app).getString("client_id");

        tenant.admin()
                .body(Map.of("scopes", List.of("payments:refund")))
                .patch("/v1/clients/" + clientId)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("scopes[0]"));
        tenant.admin().get("/v1/clients/" + clientId).then().body("scopes", contains("orders:read"));
    }

    @Test
    void createWhenConcurrentBeyondQuotaThenNeverMoreClientsThanThePlanAllows() throws Exception {
        var tenant = ClientFixture.tenant("free");
        var app = ClientFixture.application(tenant).getString("application_id");
        var mark = EventLog.mark(Topic.CLIENT);
        var executor = Executors.newFixedThreadPool(6);
        var attempts = new ArrayList<Future<Response>>();
        for (int i = 0; i < 6; i++) {
            attempts.add(executor.submit(() -> tenant.admin()
                    .body(Map.of(
                            "application_id",
                            app,
                            "name",
                            "job",
                            "profile",
                            "automation",
                            "scopes",
                            List.of("orders:read")))
                    .post("/v1/clients")
                    .then()
                    .extract()
                    .response()));
        }
        var responses = new ArrayList<Response>();
        for (var attempt : attempts) {
            responses.add(attempt.get());
        }
        executor.shutdown();

        assertThat(responses)
                .filteredOn(response -> response.statusCode() == 201)
                .hasSize(3);
        assertThat(responses)
                .filteredOn(response -> response.statusCode() == 409)
                .hasSize(3)
                .allSatisfy(response -> {
                    assertThat(response.jsonPath().getString("quota")).isEqualTo("clients_per_application");
                    assertThat(response.jsonPath().getString("plan")).isEqualTo("free");
                    assertThat(response.jsonPath().getInt("limit")).isEqualTo(3);
                });
        assertThat(mark.awaitType(tenant.tenantId(), "nexid.client.quota_reached.v1")
                        .get("data")
                        .get("application_id")
                        .asText())
                .isEqualTo(app);
    }
}
