package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.TenantFixture;

/**
 * The sign-in throttle counts an account under the name the tenant-service knows it by, and counts an attempt before
 * its password is checked: neither a variant spelling nor parallel guesses buy more attempts (5 per account here).
 */
@QuarkusTest
class SignInThrottleTest {

    private static final String SCOPE = "openid profile email tenant_context";

    @Test
    void signInWhenUsernameVariesInCaseOrSpacesThenOneBudgetForTheAccount() {
        var flow = BrowserFlow.start();
        var email = flow.fixture.tenant().adminEmail();
        var page = flow.authorize(flow.request(SCOPE));
        var variants = new String[] {
            email, email.toUpperCase(Locale.ROOT), email + " ", " " + email, "\t" + email.toUpperCase(Locale.ROOT) + " "
        };

        for (var variant : variants) {
            flow.signIn(page, variant, "wrong password " + variant.length())
                    .then()
                    .statusCode(401);
        }

        flow.signIn(page, email + " ", TenantFixture.PASSWORD).then().statusCode(429);
        flow.signIn(page, email.toUpperCase(Locale.ROOT), TenantFixture.PASSWORD)
                .then()
                .statusCode(429);
        // A NUL names no account: refused as a bad request, not a server error.
        flow.signIn(page, email + "\u0000", TenantFixture.PASSWORD).then().statusCode(400);
    }

    @Test
    void signInWhenWrongPasswordsArriveInParallelThenNoMoreThanTheLimitReachThePasswordCheck() throws Exception {
        var flow = BrowserFlow.start();
        var email = flow.fixture.tenant().adminEmail();
        var page = flow.authorize(flow.request(SCOPE));
        Callable<Response> guess = () -> flow.signIn(page, email, "parallel guess");

        var executor = Executors.newFixedThreadPool(16);
        var statuses = new ArrayList<Integer>();
        try {
            for (var future : executor.invokeAll(Collections.nCopies(16, guess))) {
                statuses.add(future.get().statusCode());
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(status -> status == 401)).hasSize(5);
        flow.signIn(page, email, TenantFixture.PASSWORD).then().statusCode(429);
    }
}
