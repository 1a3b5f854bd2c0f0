package io.nexidentity.webhook.security;

import static io.restassured.RestAssured.given;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.security.AdminPermission;

/** A service account holding {@code webhooks:replay} only (an SRE's tooling) replays and does nothing else. */
@QuarkusTest
class AdminPermissionsTest {

    @Test
    void callWhenOnlyReplayThenReplaysReachTheServiceAndNothingElseDoes() {
        var tenant = UUID.randomUUID();
        var replayer = List.of(AdminPermission.WEBHOOKS_REPLAY);

        as(tenant, replayer)
                .post("/v1/webhook-deliveries/" + UUID.randomUUID() + "/replay")
                .then()
                .statusCode(404);
        as(tenant, replayer)
                .body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"))
                .post("/v1/webhook-endpoints/" + UUID.randomUUID() + "/replay")
                .then()
                .statusCode(404);
        as(tenant, replayer).get("/v1/webhook-endpoints").then().statusCode(403);
        as(tenant, replayer)
                .get("/v1/webhook-deliveries/" + UUID.randomUUID())
                .then()
                .statusCode(403);
        as(tenant, replayer)
                .body(Map.of("url", "https://hooks.example.com/nexid", "event_types", List.of("nexid.user.created.v1")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(403);
        as(tenant, List.of(AdminPermission.WEBHOOKS_READ))
                .post("/v1/webhook-deliveries/" + UUID.randomUUID() + "/replay")
                .then()
                .statusCode(403);
    }

    private static RequestSpecification as(UUID tenant, Collection<String> permissions) {
        return given().auth()
                .oauth2(TestIssuer.tokenWithPermissions(tenant, permissions))
                .contentType(ContentType.JSON);
    }
}
