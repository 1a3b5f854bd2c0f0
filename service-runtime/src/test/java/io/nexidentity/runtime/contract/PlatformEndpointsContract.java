package io.nexidentity.runtime.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;

import jakarta.inject.Inject;

import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.Test;

/**
 * What every service answers on its platform endpoints. Each service runs it with a one-line {@code @QuarkusTest}
 * subclass, against the real PostgreSQL and Kafka.
 */
public abstract class PlatformEndpointsContract {

    @Inject
    Pool pool;

    @Test
    void readinessWhenDatabaseAndKafkaReachableThenUpWithBothChecks() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.name",
                        hasItems(
                                "Reactive PostgreSQL connections health check",
                                "Database connections health check",
                                "Kafka connection health check"));
    }

    @Test
    void livenessWhenRunningThenUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsWhenScrapedThenPrometheusText() {
        given().accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiWhenRequestedThenDocumentServed() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }

    @Test
    void startWhenDatabaseEmptyThenMigrationsAppliedIncludingOutbox() {
        var failed = pool.query("select count(*) filter (where not success) from flyway_schema_history")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
        var outbox = pool.query("select to_regclass('outbox_event') is not null")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getBoolean(0);

        assertThat(failed).isZero();
        assertThat(outbox).isTrue();
    }

    @Test
    void requestWhenRouteUnknownThenProblemJson() {
        given().get("/v1/no-such-resource")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
