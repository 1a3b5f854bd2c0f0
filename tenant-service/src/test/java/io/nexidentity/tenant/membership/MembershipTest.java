package io.nexidentity.tenant.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class MembershipTest {

    private static TenantFixture tenant;

    @BeforeEach
    void registerTenant() {
        if (tenant != null) {
            return;
        }
        tenant = TenantFixture.register("pro");
    }

    @Test
    void changeWhenRolesOrPermissionsChangeThenPermVerIncrementsOncePerRealChange() {
        var userId = tenant.createUser("member-" + UUID.randomUUID() + "@example.com");
        var mark = EventLog.mark(Topic.TENANT);

        var id = tenant.admin()
                .body(Map.of("user_id", userId, "roles", List.of("member")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(201)
                .body("perm_ver", equalTo(1))
                .body("roles", contains("member"))
                .extract()
                .<String>path("membership_id");
        tenant.admin()
                .body(Map.of("roles", List.of("member", "admin")))
                .patch("/v1/memberships/" + id)
                .then()
                .statusCode(200)
                .body("perm_ver", equalTo(2))
                .body("roles", contains("admin", "member"));
        tenant.admin()
                .body(Map.of("roles", List.of("admin", "member")))
                .patch("/v1/memberships/" + id)
                .then()
                .statusCode(200)
                .body("perm_ver", equalTo(2));
        tenant.admin()
                .body(Map.of("permissions", List.of("billing:read", "reports.export")))
                .patch("/v1/memberships/" + id)
                .then()
                .statusCode(200)
                .body("perm_ver", equalTo(3))
                .body("permissions", contains("billing:read", "reports.export"));
        tenant.admin().get("/v1/memberships/" + id).then().statusCode(200).body("perm_ver", equalTo(3));
        tenant.admin().delete("/v1/memberships/" + id).then().statusCode(204);
        tenant.admin().get("/v1/memberships/" + id).then().statusCode(404);

        var events = mark.await(
                tenant.tenantId(), event -> event.get("subject").asText().equals(id), 4);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.membership.created.v1",
                        "nexid.membership.changed.v1",
                        "nexid.membership.changed.v1",
                        "nexid.membership.removed.v1");
        assertThat(events)
                .extracting(event -> event.get("data").get("perm_ver").asInt())
                .containsExactly(1, 2, 3, 3);
    }

    @Test
    void addWhenUserAlreadyMemberThenConflict() {
        tenant.admin()
                .body(Map.of("user_id", tenant.userId(), "roles", List.of("member")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/already-member"));
    }

    @Test
    void addWhenRolesInvalidThenProblemNamesTheRole() {
        var userId = tenant.createUser("bad-role-" + UUID.randomUUID() + "@example.com");

        tenant.admin()
                .body(Map.of(
                        "user_id",
                        userId,
                        "roles",
                        List.of("member", "Super User"),
                        "permissions",
                        List.of("Bad Perm")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("permissions[0]", "roles[1]"));
        tenant.admin()
                .body(Map.of("user_id", userId, "roles", List.of()))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("roles"));
    }

    @Test
    void listWhenOrganizationHasMembersThenOwnerListed() {
        tenant.admin()
                .get("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(200)
                .body("items.find { it.user_id == '" + tenant.userId() + "' }.roles", contains("owner"));
    }
}
