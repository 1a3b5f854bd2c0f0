package io.nexidentity.tenant.security;

import static org.assertj.core.api.Assertions.assertThat;
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

/** A token of tenant A never reaches tenant B's data: every attempt is a 404 and an event in B's audit trail. */
@QuarkusTest
class CrossTenantIsolationTest {

    private static TenantFixture a;
    private static TenantFixture b;
    private static UUID bUser;

    @BeforeEach
    void registerTwoTenants() {
        if (a != null) {
            return;
        }
        a = TenantFixture.register("pro");
        b = TenantFixture.register("pro");
        bUser = b.createUser("bee-" + UUID.randomUUID() + "@example.com");
    }

    @Test
    void organizationsWhenAddressedByOtherTenantThenNotFoundAndAudited() {
        var mark = EventLog.mark(Topic.SECURITY);
        var org = "/v1/organizations/" + b.organizationId();

        notFound(a.admin().get(org).then().extract().response());
        notFound(a.admin()
                .body(Map.of("name", "pwned"))
                .patch(org)
                .then()
                .extract()
                .response());
        notFound(a.admin().post(org + "/suspend").then().extract().response());
        notFound(a.admin().get(org + "/memberships").then().extract().response());
        notFound(a.admin()
                .body(Map.of("user_id", a.userId(), "roles", List.of("owner")))
                .post(org + "/memberships")
                .then()
                .extract()
                .response());

        var attempts = mark.await(
                b.tenantId(),
                event -> event.get("subject").asText().equals(b.organizationId().toString()),
                5);
        assertThat(attempts).allSatisfy(event -> {
            assertThat(event.get("type").asText()).isEqualTo("nexid.security.cross_tenant_access_denied.v1");
            assertThat(event.get("data").get("caller_tenant_id").asText())
                    .isEqualTo(a.tenantId().toString());
            assertThat(event.get("data").get("resource_type").asText()).isEqualTo("organization");
        });
        assertThat(attempts)
                .extracting(event -> event.get("data").get("operation").asText())
                .containsExactly("read", "rename", "suspend", "list_members", "add_member");
        b.admin()
                .get(org)
                .then()
                .statusCode(200)
                .body("name", equalTo("Tenant " + b.slug()))
                .body("status", equalTo("active"));
    }

    @Test
    void usersWhenAddressedByOtherTenantThenNotFoundAndAudited() {
        var mark = EventLog.mark(Topic.SECURITY);
        var user = "/v1/users/" + bUser;

        notFound(a.admin().get(user).then().extract().response());
        notFound(a.admin()
                .body(Map.of("name", "pwned"))
                .patch(user)
                .then()
                .extract()
                .response());
        notFound(a.admin()
                .body(Map.of("password", "another long passphrase"))
                .put(user + "/password")
                .then()
                .extract()
                .response());
        notFound(a.admin().post(user + "/disable").then().extract().response());
        notFound(a.admin().delete(user).then().extract().response());
        notFound(a.admin()
                .body(Map.of("user_id", bUser, "roles", List.of("member")))
                .post("/v1/organizations/" + a.organizationId() + "/memberships")
                .then()
                .extract()
                .response());

        var attempts =
                mark.await(b.tenantId(), event -> event.get("subject").asText().equals(bUser.toString()), 5);
        assertThat(attempts)
                .extracting(event -> event.get("data").get("resource_type").asText())
                .containsOnly("user");
        b.admin()
                .get(user)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("name", equalTo("Uma User"));
    }

    @Test
    void membershipsWhenAddressedByOtherTenantThenNotFoundAndAudited() {
        var mark = EventLog.mark(Topic.SECURITY);
        var membership = "/v1/memberships/" + b.membershipId();

        notFound(a.admin().get(membership).then().extract().response());
        notFound(a.admin()
                .body(Map.of("roles", List.of("member")))
                .patch(membership)
                .then()
                .extract()
                .response());
        notFound(a.admin().delete(membership).then().extract().response());

        mark.await(
                b.tenantId(),
                event -> event.get("subject").asText().equals(b.membershipId().toString()),
                3);
        b.admin()
                .get(membership)
                .then()
                .statusCode(200)
                .body("perm_ver", equalTo(1))
                .body("roles[0]", equalTo("owner"));
    }

    @Test
    void listsWhenCalledThenOnlyTheCallersTenant() {
        var aOrgs = a.admin()
                .get("/v1/organizations?limit=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        var aUsers = a.admin()
                .get("/v1/users?limit=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(aOrgs.getList("items.organization_id"))
                .containsExactly(a.organizationId().toString());
        assertThat(aUsers.getList("items.user_id"))
                .doesNotContain(bUser.toString(), b.userId().toString());
    }

    private static void notFound(io.restassured.response.Response response) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
    }
}
