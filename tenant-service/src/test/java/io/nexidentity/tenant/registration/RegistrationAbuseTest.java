package io.nexidentity.tenant.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.runtime.contract.TestIssuer;

/**
 * Registration counts every attempt per client address (behind the trusted proxy, the address it forwards): once an
 * address used its budget, it gets 429 with a problem, while other addresses still register. Addresses a client
 * prepends to the forwarded chain change nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestIssuer.class)
class RegistrationAbuseTest {

    private static final int LIMIT = 1000;

    @Inject
    Pool pool;

    @Test
    void registerWhenAddressUsedItsBudgetThenTooManyRequestsAndOtherAddressesStillRegister() {
        var busy = "198.51.100." + (1 + (int) (Math.random() * 250));
        pool.preparedQuery("insert into limited_attempt (attempt_key, attempted_at)"
                        + " select $1, now() from generate_series(1, $2)")
                .execute(Tuple.of("registration:address:" + busy, LIMIT))
                .await()
                .atMost(Duration.ofSeconds(10));

        register(busy)
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://docs.nexidentity.io/problems/too-many-registrations"));
        register("203.0.113.5, " + busy).statusCode(429);
        register("2001:db8:" + Integer.toHexString((int) (Math.random() * 65535)) + "::1")
                .statusCode(201);
    }

    private static ValidatableResponse register(String forwardedFor) {
        var slug = "abuse-" + UUID.randomUUID().toString().substring(0, 8);
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", forwardedFor)
                .body(TenantFixture.registration(slug, "free", "ada@" + slug + ".example", TenantFixture.PASSWORD))
                .post("/v1/tenants")
                .then();
    }
}
