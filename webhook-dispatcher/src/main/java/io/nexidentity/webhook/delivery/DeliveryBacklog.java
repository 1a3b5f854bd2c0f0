package io.nexidentity.webhook.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;

import io.nexidentity.webhook.config.WebhookConfig;

/**
 * What an SRE pages on for webhooks besides the attempts themselves: deliveries not yet delivered, by state
 * ({@code pending}: not yet attempted or being attempted; {@code retrying}: failed at least once, retried on schedule)
 * and by their endpoint's state ({@code enabled}, {@code disabled}), and how long the oldest of each state has waited
 * (an old {@code pending} one means the dispatcher is not attempting; old {@code retrying} ones are tenants' failing
 * receivers). Measured every {@code backlog-interval} (10 s) over the partial index of undelivered deliveries, one
 * measurement at a time; every replica measures the whole table.
 */
@ApplicationScoped
class DeliveryBacklog {

    private static final Logger LOG = Logger.getLogger(DeliveryBacklog.class);
    private static final List<String> STATES = List.of("pending", "retrying");
    private static final List<String> ENDPOINT_STATES = List.of("enabled", "disabled");

    private final Pool pool;
    private final Vertx vertx;
    private final WebhookConfig config;
    private final Map<String, AtomicLong> waiting = new HashMap<>();
    private final Map<String, AtomicLong> oldestAgeSeconds = new HashMap<>();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private long timerId = -1;

    DeliveryBacklog(Pool pool, Vertx vertx, WebhookConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        for (var state : STATES) {
            var oldest = new AtomicLong();
            oldestAgeSeconds.put(state, oldest);
            Gauge.builder("nexid.webhook.deliveries.oldest.age", oldest, AtomicLong::get)
                    .description("Seconds the oldest undelivered delivery has waited (as last measured)")
                    .tag("state", state)
                    .baseUnit("seconds")
                    .register(registry);
            for (var endpoint : ENDPOINT_STATES) {
                var count = new AtomicLong();
                waiting.put(state + "/" + endpoint, count);
                Gauge.builder("nexid.webhook.deliveries.waiting", count, AtomicLong::get)
                        .description("Deliveries not yet delivered (as last measured)")
                        .tag("state", state)
                        .tag("endpoint", endpoint)
                        .register(registry);
            }
        }
    }

    void start(@Observes StartupEvent startup) {
        timerId = vertx.setPeriodic(config.backlogInterval().toMillis(), id -> measure());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void measure() {
        if (!measuring.compareAndSet(false, true)) {
            return;
        }
        pool.query("""
                        select case when d.status = 'RETRYING' then 'retrying' else 'pending' end,
                            case when e.enabled then 'enabled' else 'disabled' end,
                            count(*), coalesce(extract(epoch from now() - min(d.created_at)), 0)::bigint
                        from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                        where d.status in ('PENDING', 'RETRYING', 'IN_FLIGHT')
                        group by 1, 2""")
                .execute()
                .onTermination()
                .invoke(() -> measuring.set(false))
                .subscribe()
                .with(
                        rows -> {
                            var counts = new HashMap<String, Long>();
                            var oldest = new HashMap<String, Long>();
                            for (var row : rows) {
                                counts.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
                                oldest.merge(row.getString(0), row.getLong(3), Math::max);
                            }
                            waiting.forEach((key, count) -> count.set(counts.getOrDefault(key, 0L)));
                            oldestAgeSeconds.forEach((state, age) -> age.set(oldest.getOrDefault(state, 0L)));
                        },
                        failure -> LOG.debugf("webhook delivery backlog not measured: %s", failure));
    }
}
