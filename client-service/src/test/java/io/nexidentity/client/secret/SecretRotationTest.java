package io.nexidentity.client.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.nexidentity.client.ClientFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.secret.SecretHasher;

@QuarkusTest
class SecretRotationTest {

    @Inject
    SecretHasher hasher;

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Test
    void rotateWhenOverlapRequestedThenOldAndNewSecretsBothValidUntilTheOverlapEnds() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var created = ClientFixture.automationClient(tenant, app);
        var clientId = created.getString("client_id");
        var oldSecret = created.getString("client_secret");
        var mark = EventLog.mark(Topic.CLIENT);

        var rotated = tenant.admin()
                .body(Map.of("previous_secret_valid_seconds", 3600))
                .post("/v1/clients/" + clientId + "/secrets")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .extract()
                .jsonPath();
        var newSecret = rotated.getString("client_secret");

        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(Instant.parse(rotated.getString("previous_secrets_valid_until")))
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));
        var snapshot = internalSnapshot(clientId);
        assertThat(snapshot.getList("secrets")).hasSize(2);
        var oldHash = snapshot.getString("secrets[0].hash");
        assertThat(hasher.matches(oldSecret, oldHash)).isTrue();
        assertThat(Instant.parse(snapshot.getString("secrets[0].expires_at")))
                .isBefore(Instant.now().plus(Duration.ofHours(2)));
        assertThat(hasher.matches(newSecret, snapshot.getString("secrets[1].hash")))
                .isTrue();
        assertThat(snapshot.getString("secrets[1].expires_at")).isNull();
        var event = mark.awaitType(tenant.tenantId(), "nexid.client.secret_rotated.v1");
        assertThat(event.get("data").get("secrets").size()).isEqualTo(2);
        assertThat(event.toString()).doesNotContain(newSecret).doesNotContain(oldSecret);

        var oldId = snapshot.getString("secrets[0].secret_id");
        tenant.admin()
                .delete("/v1/clients/" + clientId + "/secrets/" + oldId)
                .then()
                .statusCode(204);
        var afterRevoke = internalSnapshot(clientId);
        assertThat(afterRevoke.getList("secrets")).hasSize(1);
        assertThat(hasher.matches(newSecret, afterRevoke.getString("secrets[0].hash")))
                .isTrue();
        tenant.admin()
                .get("/v1/clients/" + clientId + "/secrets")
                .then()
                .statusCode(200)
                .body("find { it.secret_id == '" + oldId + "' }.valid", equalTo(false));
        mark.awaitType(tenant.tenantId(), "nexid.client.secret_revoked.v1");
    }

    @Test
    void rotateWhenZeroOverlapThenOldSecretEndsAtOnce() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var clientId = ClientFixture.automationClient(tenant, app).getString("client_id");

        tenant.admin()
                .body(Map.of("previous_secret_valid_seconds", 0))
                .post("/v1/clients/" + clientId + "/secrets")
                .then()
                .statusCode(201);

        assertThat(internalSnapshot(clientId).getList("secrets")).hasSize(1);
    }

    @Test
    void rotateWhenClientUsesKeysNotSecretsThenConflict() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var clientId = tenant.admin()
                .body(Map.of(
                        "application_id", app,
                        "name", "mtls",
                        "profile", "automation",
                        "scopes", List.of("orders:read"),
                        "token_endpoint_auth_method", "tls_client_auth",
                        "tls_client_auth_subject_dn", "CN=job"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("client_id");

        tenant.admin()
                .post("/v1/clients/" + clientId + "/secrets")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/client-without-secret"));
    }

    @Test
    void createWhenSecretLifetimeGivenThenSecretExpires() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");

        var expires = tenant.admin()
                .body(Map.of(
                        "application_id",
                        app,
                        "name",
                        "short-lived",
                        "profile",
                        "automation",
                        "scopes",
                        List.of("orders:read"),
                        "secret_lifetime_days",
                        30))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("client_secret_expires_at");

        assertThat(Instant.parse(expires))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    }

    private JsonPath internalSnapshot(String clientId) {
        return given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/clients/" + clientId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
