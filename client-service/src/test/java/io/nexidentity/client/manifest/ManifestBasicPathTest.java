package io.nexidentity.client.manifest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import io.nexidentity.client.ClientFixture;
import io.nexidentity.runtime.contract.PlatformTestStack;

/**
 * The Basic compatibility path end to end: a ManifestPublisher client made here publishes to the real
 * application-service, which authenticates it by reading the client through from this client-service.
 */
@QuarkusTest
class ManifestBasicPathTest {

    private static final String DOCUMENT = "{\"schema_version\":1,\"features\":{\"beta\":{\"enabled\":true}}}";

    @Test
    void publishWhenBasicCredentialsOfThePublisherThenPublishedUntilTheTenantTurnsBasicOff() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant);
        var key = app.getString("key");
        var publisher = tenant.admin()
                .body(Map.of(
                        "application_id",
                        app.getString("application_id"),
                        "name",
                        "CI publisher",
                        "profile",
                        "manifest_publisher"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        var clientId = publisher.getString("client_id");
        var secret = publisher.getString("client_secret");

        applicationService()
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.JSON)
                .body(DOCUMENT)
                .put("/v1/manifests/" + key + "/versions/2026.11.26")
                .then()
                .statusCode(201)
                .body("path", equalTo("basic"))
                .body("published_by", equalTo(clientId));
        applicationService()
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .get("/v1/manifests/" + key + "/latest")
                .then()
                .statusCode(200)
                .body("features.beta.enabled", equalTo(true));
        applicationService()
                .auth()
                .preemptive()
                .basic(clientId, secret + "x")
                .contentType(ContentType.JSON)
                .body(DOCUMENT)
                .put("/v1/manifests/" + key + "/versions/2")
                .then()
                .statusCode(401);

        tenant.adminAt(PlatformTestStack.url("application-service"))
                .body(Map.of("basic_path_enabled", false))
                .put("/v1/manifest-settings")
                .then()
                .statusCode(200)
                .body("basic_path_enabled", equalTo(false));
        applicationService()
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.JSON)
                .body(DOCUMENT)
                .put("/v1/manifests/" + key + "/versions/3")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://docs.nexidentity.io/problems/basic-path-disabled"));
    }

    @Test
    void publishWhenPublisherOfAnotherApplicationThenForbidden() {
        var tenant = ClientFixture.tenant("pro");
        var mine = ClientFixture.application(tenant);
        var other = ClientFixture.application(tenant);
        var publisher = tenant.admin()
                .body(Map.of(
                        "application_id",
                        mine.getString("application_id"),
                        "name",
                        "P",
                        "profile",
                        "manifest_publisher"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        applicationService()
                .auth()
                .preemptive()
                .basic(publisher.getString("client_id"), publisher.getString("client_secret"))
                .contentType(ContentType.JSON)
                .body(DOCUMENT)
                .put("/v1/manifests/" + other.getString("key") + "/versions/1")
                .then()
                .statusCode(403);
    }

    private static RequestSpecification applicationService() {
        return given().baseUri(PlatformTestStack.url("application-service")).port(-1);
    }
}
