package io.nexidentity.application.manifest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.nexidentity.application.ApplicationFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TestIssuer;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.security.AdminPermission;

/** Publishing and reading manifests with access tokens whose audience is the application key. */
@QuarkusTest
class ManifestBearerPathTest {

    private static final String DOCUMENT =
            "{\"schema_version\":1,\"features\":{\"new-checkout\":{\"enabled\":true,\"rollout_percent\":25}}}";

    @Test
    void publishWhenTokenHasScopeAndAudienceThenVersionsAreImmutableAndLatestIsCacheable() {
        var tenant = ApplicationFixture.tenant("pro");
        var app = ApplicationFixture.createApplication(tenant, "flags");
        var key = app.getString("key");
        var token = publisherToken(tenant.tenantId(), key, "nexidentity.runtime_manifest_publish");
        var mark = EventLog.mark(Topic.APPLICATION);

        var etag = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(DOCUMENT)
                .put("/v1/manifests/" + key + "/versions/1.0.0")
                .then()
                .statusCode(201)
                .body("version", equalTo("1.0.0"))
                .body("path", equalTo("bearer"))
                .extract()
                .header("ETag");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(
                        " {\"features\":{\"new-checkout\":{\"rollout_percent\":25,\"enabled\":true}},\"schema_version\":1}")
                .put("/v1/manifests/" + key + "/versions/1.0.0")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(DOCUMENT.replace("25", "50"))
                .put("/v1/manifests/" + key + "/versions/1.0.0")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/manifest-version-exists"));

        given().auth()
                .oauth2(token)
                .get("/v1/manifests/" + key + "/latest")
                .then()
                .statusCode(200)
                .header("ETag", etag)
                .header("Cache-Control", equalTo("private, max-age=60, must-revalidate"))
                .header("Nexid-Manifest-Version", "1.0.0")
                .body("features.new-checkout.rollout_percent", equalTo(25));
        given().auth()
                .oauth2(token)
                .header("If-None-Match", etag)
                .get("/v1/manifests/" + key + "/latest")
                .then()
                .statusCode(304)
                .header("ETag", etag);
        tenant.admin().get("/v1/manifests/" + key + "/latest").then().statusCode(200);
        tenant.with(List.of(AdminPermission.MANIFESTS_READ))
                .get("/v1/manifests/" + key + "/latest")
                .then()
                .statusCode(200);
        tenant.with(List.of(AdminPermission.WEBHOOKS_READ))
                .get("/v1/manifests/" + key + "/latest")
                .then()
                .statusCode(404);
        tenant.admin()
                .get("/v1/applications/" + app.getString("application_id"))
                .then()
                .body("latest_manifest", equalTo("1.0.0"));

        var published = mark.awaitType(tenant.tenantId(), "nexid.manifest.published.v1");
        assertThat(published.get("data").get("path").asText()).isEqualTo("bearer");
        assertThat(published.get("data").get("etag").asText()).isEqualTo(etag);
    }

    @Test
    void publishWhenNewVersionThenItBecomesLatest() {
        var tenant = ApplicationFixture.tenant("pro");
        var key = ApplicationFixture.createApplication(tenant, "flags2").getString("key");
        var token = publisherToken(tenant.tenantId(), key, "nexidentity.runtime_manifest_publish");

        publish(token, key, "1", DOCUMENT).then().statusCode(201);
        publish(token, key, "2", DOCUMENT.replace("true", "false")).then().statusCode(201);

        given().auth()
                .oauth2(token)
                .get("/v1/manifests/" + key + "/latest")
                .then()
                .header("Nexid-Manifest-Version", "2")
                .body("features.new-checkout.enabled", equalTo(false));
        given().auth()
                .oauth2(token)
                .get("/v1/manifests/" + key + "/versions")
                .then()
                .body("version", org.hamcrest.Matchers.contains("2", "1"));
        given().auth()
                .oauth2(token)
                .get("/v1/manifests/" + key + "/versions/1")
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .body("features.new-checkout.enabled", equalTo(true));
    }

    @Test
    void publishWhenScopeAudienceOrTenantWrongThenRefused() {
        var tenant = ApplicationFixture.tenant("pro");
        var other = ApplicationFixture.tenant("pro");
        var key = ApplicationFixture.createApplication(tenant, "guarded").getString("key");

        publish(publisherToken(tenant.tenantId(), key, "orders:read"), key, "1", DOCUMENT)
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", startsWith("Bearer realm=\"nexidentity\", error=\"insufficient_scope\""));
        publish(
                        publisherToken(
                                tenant.tenantId(),
                                "app_someotherapplication00",
                                "nexidentity.runtime_manifest_publish"),
                        key,
                        "1",
                        DOCUMENT)
                .then()
                .statusCode(403);
        publish(publisherToken(other.tenantId(), key, "nexidentity.runtime_manifest_publish"), key, "1", DOCUMENT)
                .then()
                .statusCode(403);
        publish(TestIssuer.tokenSignedByForeignKey(tenant.tenantId()), key, "1", DOCUMENT)
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .body(DOCUMENT)
                .put("/v1/manifests/" + key + "/versions/1")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic realm="));
    }

    @Test
    void publishWhenDocumentInvalidThenProblemNamesTheMember() {
        var tenant = ApplicationFixture.tenant("pro");
        var key = ApplicationFixture.createApplication(tenant, "strict").getString("key");
        var token = publisherToken(tenant.tenantId(), key, "nexidentity.runtime_manifest_publish");

        publish(token, key, "1", "{\"schema_version\":2,\"features\":{}}")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("schema_version"));
        publish(token, key, "1", "{\"schema_version\":1,\"features\":{\"x\":{\"enabled\":\"yes\"}}}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("features.x.enabled"));
        publish(token, key, "1", "{\"schema_version\":1,\"features\":{\"x\":{\"enabled\":true,\"rolout\":5}}}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("features.x.rolout"));
        publish(
                        token,
                        key,
                        "1",
                        "{\"schema_version\":1,\"features\":{\"x\":{\"enabled\":true,\"rollout_percent\":101}}}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("features.x.rollout_percent"));
        publish(token, key, "1", "[1,2]").then().statusCode(400);
        publish(token, key, "1", "{not json")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://docs.nexidentity.io/problems/malformed-json"));
    }

    private static io.restassured.response.Response publish(String token, String key, String version, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/v1/manifests/" + key + "/versions/" + version);
    }

    private static String publisherToken(UUID tenantId, String audience, String scope) {
        return TestIssuer.token(
                "nxc-publisher",
                Map.of(
                        "tenant_id",
                        tenantId.toString(),
                        "scope",
                        scope,
                        "client_id",
                        "nxc-publisher",
                        "aud",
                        List.of(audience)));
    }
}
