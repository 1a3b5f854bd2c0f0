package io.nexidentity.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's sessions plan every query for the tables as they are: a generic plan cached while the delivery
 * table was empty would scan the whole table for each claim once it is large (see migration V3).
 */
@QuarkusTest
class QueryPlanningTest {

    @Inject
    Pool pool;

    @Test
    void sessionWhenOpenedThenEveryExecutionIsPlannedAfresh() {
        var mode = pool.query("show plan_cache_mode")
                .execute()
                .map(rows -> rows.iterator().next().getString(0))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(mode).isEqualTo("force_custom_plan");
    }
}
