package io.nexidentity.application.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.nexidentity.application.ApplicationFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class ApplicationQuotaTest {

    @Test
    void createWhenConcurrentBeyondQuotaThenNeverMoreThanThePlanAllows() throws Exception {
        var tenant = ApplicationFixture.tenant("evaluation");
        var mark = EventLog.mark(Topic.APPLICATION);
        var executor = Executors.newFixedThreadPool(8);
        var attempts = new ArrayList<Future<Response>>();
        for (int i = 0; i < 8; i++) {
            var name = "concurrent-" + i;
            attempts.add(executor.submit(() -> tenant.admin()
                    .body(Map.of("organization_id", tenant.organizationId(), "name", name))
                    .post("/v1/applications")
                    .then()
                    .extract()
                    .response()));
        }
        var responses = new ArrayList<Response>();
        for (var attempt : attempts) {
            responses.add(attempt.get());
        }
        executor.shutdown();

        assertThat(responses).extracting(Response::statusCode).containsOnly(201, 409);
        assertThat(responses)
                .filteredOn(response -> response.statusCode() == 201)
                .hasSize(3);
        var refused = responses.stream()
                .filter(response -> response.statusCode() == 409)
                .findFirst()
                .orElseThrow();
        assertThat(refused.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(refused.jsonPath().getString("type"))
                .isEqualTo("https://docs.nexidentity.io/problems/quota-exceeded");
        assertThat(refused.jsonPath().getString("quota")).isEqualTo("applications");
        assertThat(refused.jsonPath().getString("plan")).isEqualTo("evaluation");
        assertThat(refused.jsonPath().getInt("limit")).isEqualTo(3);
        assertThat(refused.jsonPath().getInt("used")).isEqualTo(3);
        var reached = mark.awaitType(tenant.tenantId(), "nexid.application.quota_reached.v1");
        assertThat(reached.get("data").get("limit").asInt()).isEqualTo(3);
        tenant.admin()
                .get("/v1/application-usage")
                .then()
                .statusCode(200)
                .body("quota", equalTo(3))
                .body("used", equalTo(3))
                .body(
                        "organizations[0].organization_id",
                        equalTo(tenant.organizationId().toString()))
                .body("organizations[0].applications", equalTo(3));
    }

    @Test
    void archiveWhenAtQuotaThenPlaceFreedForANewApplication() {
        var tenant = ApplicationFixture.tenant("free");
        var first = ApplicationFixture.createApplication(tenant, "only-one").getString("application_id");
        tenant.admin()
                .body(Map.of("organization_id", tenant.organizationId(), "name", "second"))
                .post("/v1/applications")
                .then()
                .statusCode(409);

        tenant.admin().post("/v1/applications/" + first + "/archive").then().statusCode(200);

        tenant.admin()
                .get("/v1/application-usage")
                .then()
                .body("used", equalTo(0))
                .body("plan", equalTo("free"));
        ApplicationFixture.createApplication(tenant, "second");
    }
}
