package io.nexidentity.tenant.signing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class SigningTest {

    private static final String SIGNING_CHANGED = "nexid.tenant.signing_changed.v1";

    @ConfigProperty(name = "nexid.security.platform-credential")
    String platformCredential;

    @Test
    void getWhenNeverChosenThenRs256() {
        var tenant = TenantFixture.register();

        tenant.admin()
                .get("/v1/tenant/signing")
                .then()
                .statusCode(200)
                .body("tenant_id", equalTo(tenant.tenantId().toString()))
                .body("access_token_signing_alg", equalTo("RS256"));
    }

    @Test
    void setWhenSupportedThenAuditedOnceAndTheTokenServiceCanReadIt() {
        var tenant = TenantFixture.register();
        var other = TenantFixture.register();
        var mark = EventLog.mark(Topic.TENANT);

        for (var attempt = 0; attempt < 2; attempt++) {
            tenant.admin()
                    .body(Map.of("access_token_signing_alg", "EdDSA"))
                    .put("/v1/tenant/signing")
                    .then()
                    .statusCode(200)
                    .body("access_token_signing_alg", equalTo("EdDSA"));
        }
        tenant.admin()
                .body(Map.of("access_token_signing_alg", "ES256"))
                .put("/v1/tenant/signing")
                .then()
                .statusCode(200);

        var events = mark.await(tenant.tenantId(), e -> e.get("type").asText().equals(SIGNING_CHANGED), 2);
        assertThat(events)
                .extracting(e -> e.get("data").get("access_token_signing_alg").asText())
                .containsExactly("EdDSA", "ES256");
        assertThat(events)
                .allSatisfy(e -> assertThat(e.get("subject").asText())
                        .isEqualTo(tenant.tenantId().toString()));
        given().auth()
                .oauth2(platformCredential)
                .get("/internal/v1/tenants/" + tenant.tenantId() + "/signing")
                .then()
                .statusCode(200)
                .body("access_token_signing_alg", equalTo("ES256"));
        other.admin().get("/v1/tenant/signing").then().body("access_token_signing_alg", equalTo("RS256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "rs256", "RS512", "ES256K", "Ed25519", " RS256", ""})
    void setWhenNotAnAlgorithmAnIssuerSignsWithThenProblemNamingTheField(String alg) {
        var tenant = TenantFixture.register();

        tenant.admin()
                .body(Map.of("access_token_signing_alg", alg))
                .put("/v1/tenant/signing")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("access_token_signing_alg"));
        tenant.admin().get("/v1/tenant/signing").then().body("access_token_signing_alg", equalTo("RS256"));
    }

    @Test
    void setWhenWithoutAnAdminTokenThenUnauthorized() {
        given().contentType("application/json")
                .body(Map.of("access_token_signing_alg", "ES256"))
                .put("/v1/tenant/signing")
                .then()
                .statusCode(401);
    }
}
