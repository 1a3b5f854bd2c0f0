package io.nexidentity.tenant.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;

@QuarkusTest
class BootstrapCredentialTest {

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Test
    void rotateWhenActiveThenOldRevokedAndNewSecretShownOnce() {
        var tenant = TenantFixture.register();
        var mark = EventLog.mark(Topic.TENANT);

        var rotated = tenant.admin()
                .post("/v1/tenant/bootstrap-credential")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("scope", equalTo("nexidentity.admin"))
                .extract()
                .jsonPath();

        assertThat(rotated.getString("client_id"))
                .isNotEqualTo(tenant.clientId())
                .startsWith("nxb-");
        assertThat(rotated.getString("client_secret")).isNotEqualTo(tenant.clientSecret());
        assertThat(Duration.between(Instant.now(), Instant.parse(rotated.getString("expires_at"))))
                .as("nexid.bootstrap-credential.validity, PT36H in the tests")
                .isBetween(Duration.ofHours(36).minusMinutes(5), Duration.ofHours(36));
        statusOf(tenant.clientId(), "revoked");
        statusOf(rotated.getString("client_id"), "active");
        var events = mark.await(tenant.tenantId(), event -> true, 2);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly("nexid.bootstrap_credential.revoked.v1", "nexid.bootstrap_credential.issued.v1");
    }

    @Test
    void revokeWhenActiveThenNoActiveCredentialRemains() {
        var tenant = TenantFixture.register();

        tenant.admin().delete("/v1/tenant/bootstrap-credential").then().statusCode(204);

        statusOf(tenant.clientId(), "revoked");
    }

    private void statusOf(String clientId, String status) {
        given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/bootstrap-credentials/" + clientId)
                .then()
                .statusCode(200)
                .body("status", equalTo(status));
    }
}
