package io.nexidentity.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.nexidentity.application.ApplicationFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
class ApplicationIsolationTest {

    @Test
    void applicationWhenAddressedByOtherTenantThenNotFoundAuditedAndUnchanged() {
        var a = ApplicationFixture.tenant("pro");
        var b = ApplicationFixture.tenant("pro");
        var bApp = ApplicationFixture.createApplication(b, "b-app").getString("application_id");
        var mark = EventLog.mark(Topic.SECURITY);

        for (var response : new io.restassured.response.Response[] {
            a.admin().get("/v1/applications/" + bApp),
            a.admin().body(Map.of("name", "pwned")).patch("/v1/applications/" + bApp),
            a.admin().post("/v1/applications/" + bApp + "/suspend"),
            a.admin().post("/v1/applications/" + bApp + "/archive"),
            a.admin()
                    .body(Map.of("organization_id", b.organizationId(), "name", "in-b"))
                    .post("/v1/applications")
        }) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        }

        var attempts = mark.await(b.tenantId(), event -> true, 5);
        assertThat(attempts)
                .extracting(event -> event.get("data").get("resource_type").asText())
                .containsExactly("application", "application", "application", "application", "organization");
        assertThat(attempts)
                .allSatisfy(event -> assertThat(
                                event.get("data").get("caller_tenant_id").asText())
                        .isEqualTo(a.tenantId().toString()));
        b.admin()
                .get("/v1/applications/" + bApp)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("name", equalTo("b-app"));
        assertThat(a.admin().get("/v1/applications").then().extract().jsonPath().getList("items"))
                .isEmpty();
    }
}
