package io.nexidentity.tenant.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.AdminRole;

/** Permissions decide what a caller may do at the tenant-service, and a tenant always keeps an owner. */
@QuarkusTest
class AdminPermissionsTest {

    @Test
    void callWhenDeveloperThenNoPlanNoUsersButTheTenantIsReadable() {
        var tenant = TenantFixture.register("pro");
        var developer = AdminRole.DEVELOPER.permissions();

        tenant.with(developer).get("/v1/tenant").then().statusCode(200);
        tenant.with(developer)
                .body(Map.of("plan", "enterprise"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/insufficient-scope"));
        tenant.with(developer).delete("/v1/tenant/licence").then().statusCode(403);
        tenant.with(developer).get("/v1/users").then().statusCode(403);
        tenant.admin().get("/v1/tenant").then().body("plan", equalTo("pro"));
    }

    @Test
    void callWhenAuditorThenReadsEverythingAndChangesNothing() {
        var tenant = TenantFixture.register("pro");
        var auditor = AdminRole.AUDITOR.permissions();

        tenant.with(auditor).get("/v1/users").then().statusCode(200);
        tenant.with(auditor).get("/v1/tenant/branding").then().statusCode(200);
        tenant.with(auditor)
                .get("/v1/memberships/" + tenant.membershipId())
                .then()
                .statusCode(200);
        tenant.with(auditor)
                .body(Map.of("name", "Renamed by an auditor"))
                .patch("/v1/tenant")
                .then()
                .statusCode(403);
        tenant.with(auditor)
                .body(Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "name", "X"))
                .post("/v1/users")
                .then()
                .statusCode(403);
        tenant.with(auditor)
                .body(Map.of("access_token_signing_alg", "ES256"))
                .put("/v1/tenant/signing")
                .then()
                .statusCode(403);
        tenant.with(auditor).post("/v1/tenant/bootstrap-credential").then().statusCode(403);
    }

    @Test
    void callWhenTheTokenHoldsNoKnownPermissionThenForbiddenEverywhere() {
        var tenant = TenantFixture.register();

        tenant.with(List.of()).get("/v1/tenant").then().statusCode(403);
        tenant.with(List.of("*", "tenant:*", "TENANT:READ", "nexidentity.admin"))
                .get("/v1/tenant")
                .then()
                .statusCode(403);
        tenant.with(List.of(AdminPermission.USERS_READ))
                .get("/v1/tenant")
                .then()
                .statusCode(403);
        tenant.with(List.of(AdminPermission.USERS_READ)).get("/v1/users").then().statusCode(200);
    }

    /**
     * An application's API scopes are names its tenant chose ("users:write" is a valid one): carried by a token as
     * scopes, they grant nothing at the admin APIs; only the permissions claim does.
     */
    @Test
    void callWhenTheTokensScopesLookLikePermissionsThenTheyCountForNothing() {
        var tenant = TenantFixture.register();
        var token = TestIssuer.token(
                "nxc-" + UUID.randomUUID(),
                Map.of(
                        "tenant_id", tenant.tenantId().toString(),
                        "scope", "nexidentity.admin users:write owners:write plan:write",
                        "permissions", List.of(AdminPermission.USERS_READ)));
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);

        request.get("/v1/users").then().statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "name", "X"))
                .post("/v1/users")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("plan", "enterprise"))
                .put("/v1/tenant/plan")
                .then()
                .statusCode(403);
    }

    @Test
    void ownersWhenAnAdminTriesToMakeOrUnmakeOneThenOnlyAnOwnerMay() {
        var tenant = TenantFixture.register();
        var admin = AdminRole.ADMIN.permissions();
        var userId = tenant.createUser("someone-" + UUID.randomUUID() + "@example.com");

        tenant.with(admin)
                .body(Map.of("user_id", userId, "roles", List.of("owner")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://docs.nexidentity.io/problems/permission-missing"));
        var membership = tenant.with(admin)
                .body(Map.of("user_id", userId, "roles", List.of("developer")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("membership_id");
        tenant.with(admin)
                .body(Map.of("roles", List.of("owner")))
                .patch("/v1/memberships/" + membership)
                .then()
                .statusCode(403);
        tenant.with(admin)
                .body(Map.of("roles", List.of("member")))
                .patch("/v1/memberships/" + tenant.membershipId())
                .then()
                .statusCode(403);
        tenant.with(admin)
                .delete("/v1/memberships/" + tenant.membershipId())
                .then()
                .statusCode(403);
        tenant.with(admin).delete("/v1/users/" + tenant.userId()).then().statusCode(403);
        // nor take over an owner's account: whoever sets its password or email could sign in as the owner
        tenant.with(admin)
                .body(Map.of("password", "another horse battery staple"))
                .put("/v1/users/" + tenant.userId() + "/password")
                .then()
                .statusCode(403);
        tenant.with(admin)
                .body(Map.of("email", "attacker-" + UUID.randomUUID() + "@example.com"))
                .patch("/v1/users/" + tenant.userId())
                .then()
                .statusCode(403);
        tenant.with(admin)
                .post("/v1/users/" + tenant.userId() + "/disable")
                .then()
                .statusCode(403);
        tenant.with(admin).post("/v1/tenant/bootstrap-credential").then().statusCode(403);
        tenant.with(admin)
                .body(Map.of("roles", List.of("auditor")))
                .patch("/v1/memberships/" + membership)
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("auditor")));
    }

    @Test
    void lastOwnerWhenDemotedRemovedOrDeletedThenRefusedUntilAnotherOwnerExists() {
        var tenant = TenantFixture.register();
        var owner = "/v1/memberships/" + tenant.membershipId();

        tenant.admin()
                .body(Map.of("roles", List.of("admin")))
                .patch(owner)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://docs.nexidentity.io/problems/last-owner"));
        tenant.admin().delete(owner).then().statusCode(409);
        tenant.admin().delete("/v1/users/" + tenant.userId()).then().statusCode(409);
        tenant.admin().post("/v1/users/" + tenant.userId() + "/disable").then().statusCode(409);
        tenant.admin()
                .get("/v1/users/" + tenant.userId())
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
        var invited = tenant.admin()
                .body(Map.of("email", "invited-" + UUID.randomUUID() + "@example.com", "name", "Ivy"))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("user_id");
        tenant.admin()
                .body(Map.of("user_id", invited, "roles", List.of("owner")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(201);
        // an owner who cannot sign in (invited, no password yet) keeps no tenant administrable
        tenant.admin().delete(owner).then().statusCode(409);

        var second = tenant.createUser("second-" + UUID.randomUUID() + "@example.com");
        tenant.admin()
                .body(Map.of("user_id", second, "roles", List.of("owner")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(201);
        tenant.admin()
                .body(Map.of("roles", List.of("admin")))
                .patch(owner)
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("admin")));
    }

    /** Two owners demoting each other at the same moment: one wins, the tenant keeps an owner. */
    @Test
    void lastOwnerWhenTwoOwnersDemoteEachOtherAtOnceThenOneIsRefused() {
        var tenant = TenantFixture.register();
        var second = tenant.createUser("second-" + UUID.randomUUID() + "@example.com");
        var secondMembership = tenant.admin()
                .body(Map.of("user_id", second, "roles", List.of("owner")))
                .post("/v1/organizations/" + tenant.organizationId() + "/memberships")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("membership_id");

        var statuses = Set.of(tenant.membershipId().toString(), secondMembership).stream()
                .map(id -> CompletableFuture.supplyAsync(() -> tenant.admin()
                        .body(Map.of("roles", List.of("admin")))
                        .patch("/v1/memberships/" + id)
                        .statusCode()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    }
}
