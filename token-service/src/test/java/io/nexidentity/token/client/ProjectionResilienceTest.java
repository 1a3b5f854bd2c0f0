package io.nexidentity.token.client;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.token.TokenFixture;

/**
 * Events the projections cannot apply (not JSON, a known type with a broken payload, one the database refuses) are
 * skipped: the service stays ready, later changes still take effect at once in memory and reach the database
 * projection, and what the database refused is kept as a dead letter.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service"),
            @ResourceArg(name = "issuer", value = "service-under-test")
        })
class ProjectionResilienceTest {

    @Inject
    Pool pool;

    @Test
    void projectionsWhenEventsCannotBeAppliedThenSkippedAndLaterChangesStillApply() {
        var fixture = TokenFixture.start("pro");
        var client = fixture.automationClient(fixture.application().getString("application_id"), "RS256");
        var clientId = client.getString("client_id");
        var secret = client.getString("client_secret");
        TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                .then()
                .statusCode(200);

        var broken = """
                {"specversion":"1.0","id":"broken-%s","source":"/test","type":"%s","time":"2026-11-26T10:00:00Z",
                 "tenantid":"%s","data":{"client_id":"%s"}}""";
        var tenant = fixture.tenant().tenantId().toString();
        EventLog.produce(Topic.CLIENT, tenant, "not json at all");
        EventLog.produce(Topic.CLIENT, tenant, broken.formatted("1", "nexid.client.updated.v1", tenant, clientId));
        EventLog.produce(
                Topic.APPLICATION, tenant, broken.formatted("2", "nexid.application.updated.v1", tenant, clientId));
        EventLog.produce(Topic.AUTH, tenant, broken.formatted("3", "nexid.token.revoked.v1", tenant, clientId));
        // Readable, but PostgreSQL refuses the NUL character of its client id: it can never be stored.
        var refused = "refused-" + UUID.randomUUID();
        EventLog.produce(Topic.CLIENT, tenant, """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.client.updated.v1",
                 "time":"2026-11-26T10:00:00Z","tenantid":"%s","data":{"client_id":"%s\\u0000",
                 "tenant_id":"%s","status":"active","token_endpoint_auth_method":"client_secret_basic"}}""".formatted(refused, tenant, clientId, tenant));

        // A user event whose user id is no id: the session consumer can never apply it.
        var noUser = "refused-" + UUID.randomUUID();
        EventLog.produce(Topic.TENANT, tenant, """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.user.disabled.v1",
                 "time":"2026-11-26T10:00:00Z","tenantid":"%s","data":{"user_id":"not-a-uuid"}}""".formatted(noUser, tenant));
        // A client event without a client id: skipped by both the store and the memory layer.
        EventLog.produce(Topic.CLIENT, tenant, """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.client.updated.v1",
                 "time":"2026-11-26T10:00:00Z","tenantid":"%s","data":{"tenant_id":"%s",
                 "token_endpoint_auth_method":"client_secret_basic"}}""".formatted(UUID.randomUUID(), tenant, tenant));

        fixture.adminAt("client-service")
                .post("/v1/clients/" + clientId + "/disable")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TokenFixture.clientCredentials(fixture.issuer(), clientId, secret, null)
                                .then()
                                .extract()
                                .statusCode()
                        == 401);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> storedRecord(clientId).contains("\"active\":false"));
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters(refused) == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters(noUser) == 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private String storedRecord(String clientId) {
        var rows = pool.preparedQuery("select record from projected_client where id = $1")
                .execute(Tuple.of(clientId))
                .await()
                .atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? "" : rows.iterator().next().getString(0);
    }

    private long deadLetters(String eventId) {
        return pool.preparedQuery("select count(*) from dead_letter_event where event_id = $1")
                .execute(Tuple.of(eventId))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong(0);
    }
}
