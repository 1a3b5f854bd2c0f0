package io.nexidentity.webhook.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import io.nexidentity.events.webhook.WebhookEvents;
import io.nexidentity.events.webhook.WebhookEvents.EndpointChanged;
import io.nexidentity.outbox.OutboxTransaction;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.webhook.config.WebhookConfig;

/**
 * Records delivery attempts, many per transaction: while one batch commits, the next one gathers (group commit), so
 * recording keeps up with thousands of deliveries a second. A batch stores the attempts, moves their deliveries on
 * (succeeded, retrying at a time, failed) and tracks the health of their endpoints, disabling (with an event, in the
 * same transaction) those failing for longer than allowed. Until its batch commits a delivery stays leased, so a crash
 * in between means another attempt, never a lost one.
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);
    private static final int MAX_BATCH = 2000;
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final Pool pool;
    private final OutboxWriter outbox;
    private final WebhookConfig config;
    private final List<Pending> buffer = new ArrayList<>();
    private boolean flushing;

    private final MeterRegistry registry;
    private final Clock clock;

    AttemptRecorder(Pool pool, OutboxWriter outbox, WebhookConfig config, MeterRegistry registry, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /** Records one attempt; completes once it is committed. */
    Uni<Void> record(Attempt attempt) {
        measure(attempt);
        var pending = new Pending(attempt, new CompletableFuture<>());
        boolean flushNow;
        synchronized (buffer) {
            buffer.add(pending);
            flushNow = !flushing;
            flushing = true;
        }
        if (flushNow) {
            flush();
        }
        return Uni.createFrom().completionStage(pending.committed());
    }

    /** Attempts by outcome (2xx, 4xx, 5xx, other status, or no answer) with the receivers' latency. */
    private void measure(Attempt attempt) {
        var status = attempt.statusCode();
        var outcome = status == null ? "no_answer" : status >= 200 && status < 600 ? (status / 100) + "xx" : "other";
        Timer.builder("nexid.webhook.attempts")
                .description("Webhook delivery attempts by outcome, timed from request to answer")
                .tag("outcome", outcome)
                // a few buckets, so receivers' latency percentiles can be graphed across instances
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(Duration.ofMillis(attempt.latencyMillis()));
    }

    private void flush() {
        List<Pending> batch;
        synchronized (buffer) {
            if (buffer.isEmpty()) {
                flushing = false;
                return;
            }
            var size = Math.min(buffer.size(), MAX_BATCH);
            batch = new ArrayList<>(buffer.subList(0, size));
            buffer.subList(0, size).clear();
        }
        var attempts = batch.stream().map(Pending::attempt).toList();
        pool.withTransaction(connection -> store(connection, attempts)
                        .flatMap(stored -> moveOn(connection, attempts))
                        .flatMap(moved -> health(connection, attempts)))
                .subscribe()
                .with(
                        done -> {
                            batch.forEach(pending -> pending.committed().complete(null));
                            flush();
                        },
                        failure -> {
                            LOG.errorf(
                                    failure,
                                    "recording %d delivery attempts failed; their leases will expire and they will be"
                                            + " tried again",
                                    batch.size());
                            batch.forEach(pending -> pending.committed().completeExceptionally(failure));
                            flush();
                        });
    }

    private Uni<Void> store(SqlConnection connection, List<Attempt> attempts) {
        int size = attempts.size();
        var deliveries = new UUID[size];
        var times = new OffsetDateTime[size];
        var urls = new String[size];
        var statuses = new Integer[size];
        var latencies = new Integer[size];
        var bodies = new String[size];
        var errors = new String[size];
        for (int i = 0; i < size; i++) {
            var attempt = attempts.get(i);
            deliveries[i] = attempt.deliveryId();
            times[i] = utc(attempt.attemptedAt());
            urls[i] = attempt.url();
            statuses[i] = attempt.statusCode();
            latencies[i] = attempt.latencyMillis();
            bodies[i] = attempt.responseBody();
            errors[i] = attempt.error();
        }
        return connection
                .preparedQuery("""
                        insert into webhook_attempt (delivery_id, attempted_at, url, status_code, latency_ms, response_body, error)
                        select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::text[],
                            $7::text[])""")
                .execute(Tuple.from(new Object[] {deliveries, times, urls, statuses, latencies, bodies, errors}))
                .replaceWithVoid();
    }

    /**
     * Moves each delivery to its next state, unless it was claimed again meanwhile (its lease ran out): the attempt
     * count it was claimed with is the lease's token.
     */
    private Uni<Void> moveOn(SqlConnection connection, List<Attempt> attempts) {
        int size = attempts.size();
        var ids = new UUID[size];
        var claimedAttempts = new Integer[size];
        var states = new String[size];
        var next = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            var attempt = attempts.get(i);
            ids[i] = attempt.deliveryId();
            claimedAttempts[i] = attempt.attemptNumber();
            states[i] = attempt.succeeded() ? "SUCCEEDED" : attempt.nextAttemptAt() != null ? "RETRYING" : "FAILED";
            next[i] = attempt.nextAttemptAt() == null ? null : utc(attempt.nextAttemptAt());
        }
        return connection
                .preparedQuery("""
                        update webhook_delivery d set status = u.status, next_attempt_at = u.next, lease_until = null
                        from unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[]) as u(id, attempts, status, next)
                        where d.id = u.id and d.attempts = u.attempts and d.status = 'IN_FLIGHT'""")
                .execute(Tuple.of(ids, claimedAttempts, states, next))
                .replaceWithVoid();
    }

    /** An endpoint is healthy again after a success; one whose latest attempt failed is failing since its first one. */
    private Uni<Void> health(SqlConnection connection, List<Attempt> attempts) {
        var latest = new LinkedHashMap<UUID, Attempt>();
        var firstFailure = new LinkedHashMap<UUID, Instant>();
        for (var attempt : attempts) {
            if (attempt.endpoint() == null) {
                continue;
            }
            latest.put(attempt.endpoint().id(), attempt);
            if (!attempt.succeeded()) {
                firstFailure.putIfAbsent(attempt.endpoint().id(), attempt.attemptedAt());
            }
        }
        var healthy = latest.values().stream()
                .filter(Attempt::succeeded)
                .map(attempt -> attempt.endpoint().id())
                .toArray(UUID[]::new);
        var failing =
                latest.values().stream().filter(attempt -> !attempt.succeeded()).toList();
        var recovered = healthy.length == 0
                ? Uni.createFrom().voidItem()
                : connection
                        .preparedQuery("update webhook_endpoint set failing_since = null"
                                + " where id = any($1) and failing_since is not null")
                        .execute(Tuple.of((Object) healthy))
                        .replaceWithVoid();
        if (failing.isEmpty()) {
            return recovered;
        }
        var failingIds =
                failing.stream().map(attempt -> attempt.endpoint().id()).toArray(UUID[]::new);
        var since = failing.stream()
                .map(attempt -> utc(firstFailure.get(attempt.endpoint().id())))
                .toArray(OffsetDateTime[]::new);
        var now = clock.instant();
        var reason = "failing for more than " + config.disableAfter();
        return recovered
                .flatMap(x -> connection.preparedQuery("""
                                update webhook_endpoint e set failing_since = coalesce(e.failing_since, f.since)
                                from unnest($1::uuid[], $2::timestamptz[]) as f(id, since) where e.id = f.id""").execute(Tuple.of(failingIds, since)))
                .flatMap(marked -> connection
                        .preparedQuery(
                                "update webhook_endpoint set enabled = false, disabled_reason = $3, updated_at = $4"
                                        + " where id = any($1) and enabled and failing_since <= $2"
                                        + " returning id, tenant_id, organization_id, url")
                        .execute(Tuple.of(failingIds, utc(now.minus(config.disableAfter())), reason, utc(now))))
                .flatMap(disabled -> Multi.createFrom()
                        .iterable(disabled)
                        .onItem()
                        .transformToUniAndConcatenate(row -> outbox.append(
                                OutboxTransaction.on(connection),
                                WebhookEvents.ENDPOINT_DISABLED,
                                row.getUUID("id").toString(),
                                row.getUUID("tenant_id").toString(),
                                new EndpointChanged(
                                        row.getUUID("id"),
                                        row.getUUID("organization_id"),
                                        row.getString("url"),
                                        List.of(),
                                        false,
                                        reason)))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One attempt's outcome; {@code endpoint} is null when the endpoint was gone. */
    record Attempt(
            UUID deliveryId,
            int attemptNumber,
            DeliveryTarget endpoint,
            Instant attemptedAt,
            String url,
            Integer statusCode,
            int latencyMillis,
            String responseBody,
            String error,
            Instant nextAttemptAt) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private record Pending(Attempt attempt, CompletableFuture<Void> committed) {}
}
