package io.nexidentity.tenant.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class UserLifecycleTest {

    private static TenantFixture tenant;

    @BeforeEach
    void registerTenant() {
        if (tenant != null) {
            return;
        }
        tenant = TenantFixture.register("pro");
    }

    @Test
    void lifecycleWhenInvitedThenPasswordSetUpdatedDisabledEnabledDeletedWithAnEventEach() {
        var mark = EventLog.mark(Topic.TENANT);

        var id = tenant.admin()
                .body(Map.of("email", "Grace@Example.com", "name", "Grace"))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .body("status", equalTo("invited"))
                .body("password_set", equalTo(false))
                .extract()
                .<String>path("user_id");
        tenant.admin()
                .body(Map.of("password", "navy admiral compiles cobol"))
                .put("/v1/users/" + id + "/password")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("password_set", equalTo(true));
        tenant.admin()
                .body(Map.of("name", "Grace Hopper"))
                .patch("/v1/users/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Grace Hopper"))
                .body("email", equalTo("Grace@Example.com"));
        tenant.admin()
                .post("/v1/users/" + id + "/disable")
                .then()
                .statusCode(200)
                .body("status", equalTo("disabled"));
        tenant.admin()
                .post("/v1/users/" + id + "/disable")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        tenant.admin()
                .post("/v1/users/" + id + "/enable")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
        tenant.admin().delete("/v1/users/" + id).then().statusCode(204);
        tenant.admin().get("/v1/users/" + id).then().statusCode(404);

        var events = mark.await(
                tenant.tenantId(), event -> event.get("subject").asText().equals(id), 6);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.user.created.v1",
                        "nexid.user.password_changed.v1",
                        "nexid.user.updated.v1",
                        "nexid.user.disabled.v1",
                        "nexid.user.enabled.v1",
                        "nexid.user.deleted.v1");
    }

    @Test
    void createWhenEmailDiffersOnlyInCaseThenConflict() {
        tenant.admin()
                .body(Map.of("email", "linus@example.com", "name", "Linus"))
                .post("/v1/users")
                .then()
                .statusCode(201);

        tenant.admin()
                .body(Map.of("email", "LINUS@example.com", "name", "Linus again"))
                .post("/v1/users")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/email-taken"));
    }

    @Test
    void createWhenSameEmailConcurrentlyThenExactlyOneSucceeds() throws Exception {
        var email = "race-" + UUID.randomUUID() + "@example.com";
        var executor = Executors.newFixedThreadPool(6);
        var results = new ArrayList<Future<Integer>>();
        for (int i = 0; i < 6; i++) {
            results.add(executor.submit(() -> tenant.admin()
                    .body(Map.of("email", email, "name", "Racer"))
                    .post("/v1/users")
                    .then()
                    .extract()
                    .statusCode()));
        }
        var statuses = new ArrayList<Integer>();
        for (var result : results) {
            statuses.add(result.get());
        }
        executor.shutdown();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    }

    @Test
    void sameEmailWhenInAnotherTenantThenAllowed() {
        var other = TenantFixture.register();

        other.admin()
                .body(Map.of("email", tenant.adminEmail(), "name", "Same email, other tenant"))
                .post("/v1/users")
                .then()
                .statusCode(201);
    }

    @Test
    void setPasswordWhenWeakThenProblemAndNothingChanges() {
        var id = tenant.createUser("weak-" + UUID.randomUUID() + "@example.com");

        tenant.admin()
                .body(Map.of("password", "qwerty123456"))
                .put("/v1/users/" + id + "/password")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("password"));
        tenant.admin()
                .body(Map.of("password", "aaaaaaaaaaaaaaa"))
                .put("/v1/users/" + id + "/password")
                .then()
                .statusCode(400)
                .body("errors[0].detail", equalTo("password must not repeat one or two characters"));
    }

    @Test
    void createWhenEmailInvalidThenProblem() {
        tenant.admin()
                .body(Map.of("email", "no at sign", "name", "X"))
                .post("/v1/users")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("email"));
    }
}
