package io.nexidentity.tenant.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.secret.SecretHasher;

@QuarkusTest
@QuarkusTestResource(TestIssuer.class)
class RegistrationTest {

    @Inject
    Pool pool;

    @Inject
    SecretHasher secrets;

    @Test
    void registerWhenValidThenCreatesTenantOrganizationOwnerLicenceAndBootstrapClient() {
        var mark = EventLog.mark(Topic.TENANT);
        var slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);

        var response = given().contentType(ContentType.JSON)
                .body(TenantFixture.registration(slug, "evaluation", "ada@acme.example", TenantFixture.PASSWORD))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .header("Location", "/v1/tenant")
                .body("slug", equalTo(slug))
                .body("organization_id", notNullValue())
                .body("user_id", notNullValue())
                .body("membership_id", notNullValue())
                .body("plan.name", equalTo("evaluation"))
                .body("plan.quotas.applications", equalTo(3))
                .body("plan.quotas.clients_per_application", equalTo(5))
                .body("plan.quotas.monthly_active_users", equalTo(100))
                .body("plan.quotas.webhook_endpoints", equalTo(2))
                .body("plan.quotas.audit_retention_days", equalTo(7))
                .body("plan.evaluation_days", equalTo(30))
                .body("licence.status", equalTo("active"))
                .body("bootstrap_credential.scope", equalTo("nexidentity.admin"))
                .body("bootstrap_credential.grant_type", equalTo("client_credentials"))
                .body("issuer", equalTo("http://127.0.0.1:8080/t/" + slug))
                .body("bootstrap_credential.token_endpoint", equalTo("http://127.0.0.1:8080/t/" + slug + "/token"))
                .body(
                        "admin_sign_in.device_authorization_endpoint",
                        equalTo("http://127.0.0.1:8080/t/" + slug + "/device_authorization"))
                .body("admin_sign_in.authorization_endpoint", equalTo("http://127.0.0.1:8080/t/" + slug + "/authorize"))
                .body("admin_sign_in.scope", equalTo("openid offline_access nexidentity.admin"))
                .extract()
                .jsonPath();
        var tenantId = UUID.fromString(response.getString("tenant_id"));
        assertThat(response.getString("admin_sign_in.client_id")).isEqualTo("nxa-" + tenantId);
        var secret = response.getString("bootstrap_credential.client_secret");
        var expiresAt = Instant.parse(response.getString("bootstrap_credential.expires_at"));

        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(expiresAt)
                .isBetween(
                        // nexid.bootstrap-credential.validity of the tests
                        Instant.now().plus(Duration.ofHours(35)), Instant.now().plus(Duration.ofHours(37)));
        assertThat(Instant.parse(response.getString("licence.expires_at")))
                .isAfter(Instant.now().plus(Duration.ofDays(29)));

        var events = mark.await(tenantId, event -> true, 6);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "nexid.organization.created.v1",
                        "nexid.user.created.v1",
                        "nexid.membership.created.v1",
                        "nexid.tenant.registered.v1",
                        "nexid.licence.assigned.v1",
                        "nexid.bootstrap_credential.issued.v1");
        var registered = events.get(3);
        assertThat(registered.get("source").asText()).isEqualTo("/nexid/tenant-service");
        assertThat(registered.get("subject").asText()).isEqualTo(tenantId.toString());
        assertThat(registered.get("data").get("slug").asText()).isEqualTo(slug);
        assertThat(registered.get("data").get("membership_id").asText()).isEqualTo(response.getString("membership_id"));
        assertThat(events.get(2).get("data").toString())
                .doesNotContain("argon2")
                .doesNotContain("password");
        var issued = events.get(5).get("data");
        assertThat(issued.get("secret_hash").asText()).isNotEqualTo(secret);
        assertThat(secrets.matches(secret, issued.get("secret_hash").asText())).isTrue();
        assertThat(events.get(2).get("data").get("roles").get(0).asText()).isEqualTo("owner");
    }

    @Test
    void registerWhenDoneThenAdminTokenSeesTenantButNeverTheSecretAgain() {
        var tenant = TenantFixture.register("pro");

        tenant.admin()
                .get("/v1/tenant")
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(tenant.tenantId().toString()))
                .body("slug", equalTo(tenant.slug()))
                .body("plan", equalTo("pro"))
                .body("licence.status", equalTo("active"))
                .body("quotas.applications", equalTo(25))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("bootstrap_credential")));
    }

    @Test
    void registerWhenDoneThenPasswordStoredOnlyAsArgon2idWithOwaspParameters() {
        var tenant = TenantFixture.register();

        var hash = pool.preparedQuery("select password_hash from tenant_user where id = $1")
                .execute(Tuple.of(tenant.userId()))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getString(0);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(TenantFixture.PASSWORD);
    }

    @Test
    void registerWhenSameSlugConcurrentlyThenExactlyOneSucceedsAndOthersConflict() throws Exception {
        var slug = "race-" + UUID.randomUUID().toString().substring(0, 8);
        var pool = Executors.newFixedThreadPool(8);
        var attempts = new ArrayList<Future<Integer>>();
        for (int i = 0; i < 8; i++) {
            var email = "admin" + i + "@race.example";
            Callable<Integer> attempt = () -> given().contentType(ContentType.JSON)
                    .body(TenantFixture.registration(slug, "free", email, TenantFixture.PASSWORD))
                    .post("/v1/tenants")
                    .then()
                    .extract()
                    .statusCode();
            attempts.add(pool.submit(attempt));
        }
        var statuses = new ArrayList<Integer>();
        for (var attempt : attempts) {
            statuses.add(attempt.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    }

    @Test
    void registerWhenSlugTakenThenConflictProblem() {
        var tenant = TenantFixture.register();

        given().contentType(ContentType.JSON)
                .body(TenantFixture.registration(tenant.slug(), "free", "x@y.example", TenantFixture.PASSWORD))
                .post("/v1/tenants")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/slug-taken"));
    }

    @Test
    void registerWhenFieldsInvalidThenProblemNamesEachField() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "",
                        "slug", "Not A Slug!",
                        "plan", "free",
                        "admin", Map.of("email", "not-an-email", "name", "A", "password", "x")))
                .post("/v1/tenants")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("admin.email", "admin.email", "name", "slug"));
    }

    @Test
    void registerWhenAdminMissingThenProblemNamesIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "slug", "acme-no-admin", "plan", "free"))
                .post("/v1/tenants")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("admin"));
    }

    @Test
    void registerWhenPlanUnknownThenProblemNamesPlan() {
        given().contentType(ContentType.JSON)
                .body(TenantFixture.registration(
                        "plan-x-" + UUID.randomUUID().toString().substring(0, 6),
                        "platinum",
                        "a@b.example",
                        TenantFixture.PASSWORD))
                .post("/v1/tenants")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("plan"));
    }

    @Test
    void registerWhenPasswordCommonOrShortThenProblemExplains() {
        var slug = "weak-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(TenantFixture.registration(slug, "free", "a@weak.example", "Password2024!"))
                .post("/v1/tenants")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("admin.password"))
                .body(
                        "errors[0].detail",
                        equalTo("admin.password is too common: it appears in lists of breached passwords"));

        given().contentType(ContentType.JSON)
                .body(TenantFixture.registration(slug, "free", "a@weak.example", "short1!"))
                .post("/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors[0].detail", equalTo("admin.password must be at least 12 characters long"));
    }

    @Test
    void plansWhenListedThenEveryPlanWithQuotas() {
        given().get("/v1/plans")
                .then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.contains("evaluation", "free", "pro", "enterprise"))
                .body("find { it.name == 'enterprise' }.quotas.audit_retention_days", equalTo(365));
    }
}
