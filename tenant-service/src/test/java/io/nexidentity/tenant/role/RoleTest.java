package io.nexidentity.tenant.role;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.AdminRole;

/** A tenant's own roles: sets of admin permissions its memberships hold next to the built-in roles. */
@QuarkusTest
class RoleTest {

    private static final List<String> RELEASE = List.of("clients:read", "webhooks:read", "webhooks:replay");

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Test
    void defineWhenNewThenListedWithTheBuiltInOnesAndGrantedToItsHolders() {
        var tenant = TenantFixture.register("pro");
        var mark = EventLog.mark(Topic.TENANT);

        tenant.admin()
                .body(Map.of("description", "ships releases", "permissions", RELEASE))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200)
                .body("name", equalTo("release-manager"))
                .body("built_in", equalTo(false))
                .body("permissions", equalTo(RELEASE));
        tenant.admin()
                .get("/v1/roles")
                .then()
                .statusCode(200)
                .body("name", hasItems("owner", "admin", "developer", "auditor", "member", "release-manager"));
        var userId = tenant.createUser("rm-" + UUID.randomUUID() + "@example.com");
        var membership = member(tenant, userId, "release-manager");

        given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/tenants/" + tenant.tenantId() + "/users/" + userId)
                .then()
                .statusCode(200)
                .body("memberships[0].membership_id", equalTo(membership))
                .body("memberships[0].admin_permissions", equalTo(RELEASE));
        var roleDefined =
                (Predicate<JsonNode>) event -> event.get("type").asText().equals("nexid.role.defined.v1");
        assertThat(mark.await(tenant.tenantId(), roleDefined, 1).stream()
                        .filter(roleDefined)
                        .map(event -> event.at("/data/permissions").toString()))
                .containsExactly("[\"clients:read\",\"webhooks:read\",\"webhooks:replay\"]");
    }

    @Test
    void defineWhenThePermissionsChangeThenEveryHolderCountsAnew() {
        var tenant = TenantFixture.register("pro");
        tenant.admin()
                .body(Map.of("permissions", RELEASE))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200);
        var membership =
                member(tenant, tenant.createUser("rm-" + UUID.randomUUID() + "@example.com"), "release-manager");
        var mark = EventLog.mark(Topic.TENANT);

        tenant.admin()
                .body(Map.of("permissions", List.of("webhooks:read")))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200)
                .body("permissions", equalTo(List.of("webhooks:read")));

        tenant.admin().get("/v1/memberships/" + membership).then().body("perm_ver", equalTo(2));
        var membershipChanged =
                (Predicate<JsonNode>) event -> event.get("type").asText().equals("nexid.membership.changed.v1");
        assertThat(mark.await(tenant.tenantId(), membershipChanged, 1).stream()
                        .filter(membershipChanged)
                        .map(event -> event.get("subject").asText()))
                .containsExactly(membership);
        tenant.admin()
                .body(Map.of("permissions", List.of("webhooks:read")))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200);
        tenant.admin().get("/v1/memberships/" + membership).then().body("perm_ver", equalTo(2));
    }

    @Test
    void defineOrGiveWhenTheRoleGrantsMoreThanTheCallerHoldsThenForbidden() {
        var tenant = TenantFixture.register("pro");
        var membersOnly =
                Set.of(AdminPermission.MEMBERS_READ, AdminPermission.MEMBERS_WRITE, AdminPermission.USERS_WRITE);

        tenant.with(membersOnly)
                .body(Map.of("permissions", List.of("plan:write")))
                .put("/v1/roles/billing")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://docs.nexidentity.io/problems/permission-missing"));
        var userId = tenant.createUser("esc-" + UUID.randomUUID() + "@example.com");
        tenant.with(membersOnly)
                .body(Map.of("user_id", userId.toString(), "roles", List.of("admin")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://docs.nexidentity.io/problems/permission-missing"));
        var membership = member(tenant, userId, "member");
        tenant.with(membersOnly)
                .body(Map.of("roles", List.of("developer")))
                .patch("/v1/memberships/" + membership)
                .then()
                .statusCode(403);
        tenant.with(AdminRole.ADMIN.permissions())
                .body(Map.of("roles", List.of("developer")))
                .patch("/v1/memberships/" + membership)
                .then()
                .statusCode(200);
    }

    @Test
    void changeWhenTheRoleOrMemberHoldsMoreThanTheCallerThenForbidden() {
        var tenant = TenantFixture.register("pro");
        var coOwner = List.of("plan:write", "users:read", "users:write");
        tenant.admin()
                .body(Map.of("permissions", coOwner))
                .put("/v1/roles/co-owner")
                .then()
                .statusCode(200);
        var userId = tenant.createUser("co-" + UUID.randomUUID() + "@example.com");
        var membership = member(tenant, userId, "co-owner");
        var admin = AdminRole.ADMIN.permissions();

        // an admin cannot take over, strip or remove a member who holds what admins do not (plan:write)
        tenant.with(admin)
                .body(Map.of("password", "another horse battery staple"))
                .put("/v1/users/" + userId + "/password")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://docs.nexidentity.io/problems/permission-missing"));
        tenant.with(admin).post("/v1/users/" + userId + "/disable").then().statusCode(403);
        tenant.with(admin)
                .body(Map.of("permissions", List.of("users:read")))
                .put("/v1/roles/co-owner")
                .then()
                .statusCode(403);
        tenant.with(admin)
                .body(Map.of("roles", List.of("member")))
                .patch("/v1/memberships/" + membership)
                .then()
                .statusCode(403);
        tenant.with(admin).delete("/v1/memberships/" + membership).then().statusCode(403);
        tenant.admin().get("/v1/roles/co-owner").then().body("permissions", equalTo(coOwner));

        // a weaker member's account is the admin's to change
        var developer = tenant.createUser("dev-" + UUID.randomUUID() + "@example.com");
        member(tenant, developer, "developer");
        tenant.with(admin)
                .body(Map.of("password", "another horse battery staple"))
                .put("/v1/users/" + developer + "/password")
                .then()
                .statusCode(200);
    }

    @Test
    void rolesWhenUnknownBuiltInInUseOrAnotherTenantsThenRefused() {
        var tenant = TenantFixture.register("pro");
        var other = TenantFixture.register("pro");
        other.admin()
                .body(Map.of("permissions", RELEASE))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200);
        var userId = tenant.createUser("u-" + UUID.randomUUID() + "@example.com");

        tenant.admin()
                .body(Map.of("user_id", userId.toString(), "roles", List.of("release-manager")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("roles"));
        tenant.admin().get("/v1/roles/release-manager").then().statusCode(404);
        tenant.admin()
                .body(Map.of("permissions", List.of("clients:read")))
                .put("/v1/roles/admin")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://docs.nexidentity.io/problems/built-in-role"));
        tenant.admin()
                .body(Map.of("permissions", List.of("clients:fly")))
                .put("/v1/roles/pilot")
                .then()
                .statusCode(400);
        tenant.admin()
                .body(Map.of("permissions", List.of("clients:read")))
                .put("/v1/roles/Not-A-Name")
                .then()
                .statusCode(400);

        other.admin().delete("/v1/roles/release-manager").then().statusCode(204);
        other.admin().get("/v1/roles/release-manager").then().statusCode(404);
        tenant.admin()
                .body(Map.of("permissions", RELEASE))
                .put("/v1/roles/release-manager")
                .then()
                .statusCode(200);
        var membership = member(tenant, userId, "release-manager");
        tenant.admin()
                .delete("/v1/roles/release-manager")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://docs.nexidentity.io/problems/role-in-use"));
        tenant.admin().delete("/v1/memberships/" + membership).then().statusCode(204);
        tenant.admin().delete("/v1/roles/release-manager").then().statusCode(204);
    }

    private static String member(TenantFixture tenant, UUID userId, String role) {
        return tenant.admin()
                .body(Map.of("user_id", userId.toString(), "roles", List.of(role)))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(201)
                .extract()
                .path("membership_id");
    }
}
