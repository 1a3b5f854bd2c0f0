package io.nexidentity.tenant.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class OrganizationLifecycleTest {

    private static TenantFixture tenant;

    @BeforeEach
    void registerTenant() {
        if (tenant != null) {
            return;
        }
        tenant = TenantFixture.register("pro");
    }

    @Test
    void lifecycleWhenCreatedRenamedSuspendedReactivatedThenEachStepIsAnEvent() {
        var mark = EventLog.mark(Topic.TENANT);

        var id = tenant.admin()
                .body(Map.of("name", "Research"))
                .post("/v1/organizations")
                .then()
                .statusCode(201)
                .body("name", equalTo("Research"))
                .body("status", equalTo("active"))
                .extract()
                .<String>path("organization_id");
        tenant.admin()
                .body(Map.of("name", "R&D"))
                .patch("/v1/organizations/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("R&D"));
        tenant.admin()
                .post("/v1/organizations/" + id + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("suspended"));
        tenant.admin()
                .post("/v1/organizations/" + id + "/suspend")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        tenant.admin()
                .post("/v1/organizations/" + id + "/reactivate")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
        tenant.admin().get("/v1/organizations/" + id).then().statusCode(200).body("name", equalTo("R&D"));

        var events = mark.await(
                tenant.tenantId(), event -> event.get("subject").asText().equals(id), 4);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.organization.created.v1",
                        "nexid.organization.renamed.v1",
                        "nexid.organization.suspended.v1",
                        "nexid.organization.reactivated.v1");
        assertThat(events.get(1).get("data").get("name").asText()).isEqualTo("R&D");
        assertThat(events.get(2).get("actor").asText()).isEqualTo("client-" + tenant.tenantId());
    }

    @Test
    void listWhenMoreThanOnePageThenCursorWalksThroughAllInCreationOrder() {
        var own = TenantFixture.register("pro");
        for (var name : new String[] {"B", "C", "D"}) {
            own.admin()
                    .body(Map.of("name", name))
                    .post("/v1/organizations")
                    .then()
                    .statusCode(201);
        }

        var first = own.admin()
                .get("/v1/organizations?limit=2")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .extract()
                .jsonPath();
        var second = own.admin()
                .get("/v1/organizations?limit=2&after=" + first.getString("next_cursor"))
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("next_cursor", nullValue())
                .extract()
                .jsonPath();

        assertThat(first.getList("items.name")).containsExactly("Tenant " + own.slug(), "B");
        assertThat(second.getList("items.name")).containsExactly("C", "D");
    }

    @Test
    void createWhenNameBlankOrLimitOutOfRangeThenProblem() {
        tenant.admin()
                .body(Map.of("name", " "))
                .post("/v1/organizations")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("name"));
        tenant.admin()
                .get("/v1/organizations?limit=0")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void getWhenOrganizationUnknownThenNotFoundProblem() {
        tenant.admin()
                .get("/v1/organizations/0190d3f5-0000-7000-8000-000000000000")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/not-found"));
    }
}
