package io.nexidentity.webhook.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import io.nexidentity.webhook.config.WebhookConfig;
import io.nexidentity.webhook.endpoint.WebhookSecrets;
import io.nexidentity.webhook.signing.WebhookSigner;
import io.nexidentity.webhook.ssrf.AddressGuard;

/**
 * Delivers due deliveries. A delivery is claimed with a lease before it is sent: if this instance dies mid-delivery,
 * the lease runs out and the delivery is tried again, never silently dropped. Claimed deliveries wait in their
 * endpoint's lane: at most {@code per-endpoint-concurrency} attempts go to one endpoint at a time, each with a
 * timeout, so a slow endpoint never holds back the others. A delivery whose lease ran out while it waited is left to
 * whoever claims it next.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int CLAIM = 500;
    private static final int MAX_OUTSTANDING = 20_000;
    private static final int LANE_LIMIT = 2_000;
    private static final Duration ADMISSION_WAIT = Duration.ofSeconds(2);
    private static final Duration ROOM_CHECK = Duration.ofMillis(10);

    private final Pool pool;
    private final Vertx vertx;
    private final WebhookSender sender;
    private final AddressGuard addresses;
    private final WebhookSecrets secrets;
    private final RetryPolicy retries;
    private final AttemptRecorder recorder;
    private final AttemptTracing tracing;
    private final WebhookConfig config;
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final Clock clock;
    private volatile boolean wanted;
    /** Whether the last poll claimed less than it could because too many deliveries were outstanding. */
    private volatile boolean saturated;

    private long timer = -1;

    DeliveryWorker(
            Pool pool,
            Vertx vertx,
            WebhookSender sender,
            AddressGuard addresses,
            WebhookSecrets secrets,
            RetryPolicy retries,
            AttemptRecorder recorder,
            AttemptTracing tracing,
            WebhookConfig config,
            Clock clock) {
        this.pool = pool;
        this.vertx = vertx;
        this.sender = sender;
        this.addresses = addresses;
        this.secrets = secrets;
        this.retries = retries;
        this.recorder = recorder;
        this.tracing = tracing;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Looks for due deliveries now (after a fan-out or a replay) instead of at the next poll. */
    public void wake() {
        wanted = true;
        if (polling.compareAndSet(false, true)) {
            poll();
        }
    }

    private void poll() {
        wanted = false;
        int room = Math.min(CLAIM, MAX_OUTSTANDING - outstanding.get());
        saturated = room < CLAIM;
        if (room <= 0) {
            polling.set(false);
            return;
        }
        claim(room)
                .subscribe()
                .with(
                        claimed -> {
                            outstanding.addAndGet(claimed.size());
                            claimed.forEach(this::dispatch);
                            polling.set(false);
                            if (wanted || claimed.size() == room) {
                                wake();
                            }
                        },
                        failure -> {
                            LOG.warnf("claiming deliveries failed: %s", failure.toString());
                            polling.set(false);
                        });
    }

    /**
     * Admits {@code count} new deliveries: {@code store} stores them, claimed by this worker (with the lease given)
     * when it has room for them all (or has it within {@code ADMISSION_WAIT}), else as pending for a later poll, and
     * returns the rows it stored. Claimed rows are sent once {@code store} completes.
     */
    public Uni<Void> admit(int count, Function<Optional<Duration>, Uni<List<Stored>>> store) {
        return reserve(count, System.nanoTime() + ADMISSION_WAIT.toNanos()).flatMap(room -> admit(count, room, store));
    }

    /**
     * Reserves room for {@code count} deliveries, waiting a while for deliveries in flight to finish: during a burst,
     * the events wait in Kafka rather than as pending deliveries, each of which would cost another write to claim.
     */
    private Uni<Boolean> reserve(int count, long deadline) {
        if (outstanding.addAndGet(count) <= MAX_OUTSTANDING) {
            return Uni.createFrom().item(true);
        }
        outstanding.addAndGet(-count);
        if (count > MAX_OUTSTANDING || System.nanoTime() >= deadline) {
            return Uni.createFrom().item(false);
        }
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(ROOM_CHECK)
                .flatMap(waited -> reserve(count, deadline));
    }

    private Uni<Void> admit(int count, boolean room, Function<Optional<Duration>, Uni<List<Stored>>> store) {
        var admitted = room ? count : 0;
        return store.apply(room ? Optional.of(lease()) : Optional.empty())
                .onFailure()
                .invoke(failure -> outstanding.addAndGet(-admitted))
                .flatMap(stored -> {
                    if (!room) {
                        wake();
                        return Uni.createFrom().voidItem();
                    }
                    // Redelivered events store nothing new.
                    outstanding.addAndGet(stored.size() - admitted);
                    // Should this fail, the stored deliveries are sent once their lease runs out.
                    return pool.withConnection(connection -> claimed(connection, stored))
                            .onFailure()
                            .invoke(failure -> outstanding.addAndGet(-stored.size()))
                            .invoke(claimed -> claimed.forEach(this::dispatch))
                            .replaceWithVoid();
                });
    }

    /**
     * Claims due deliveries: pending and retrying ones whose time has come, and in-flight ones whose lease ran out. A
     * claimed delivery's next attempt time is its lease's end, so all three are found by one index range.
     */
    private Uni<List<Claimed>> claim(int limit) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        with due as (
                            select id from webhook_delivery
                            where status in ('PENDING', 'RETRYING', 'IN_FLIGHT') and next_attempt_at <= now()
                            order by next_attempt_at limit $1 for update skip locked),
                        claimed as (
                            update webhook_delivery d set status = 'IN_FLIGHT', attempts = d.attempts + 1,
                                lease_until = now() + $2 * interval '1 millisecond',
                                next_attempt_at = now() + $2 * interval '1 millisecond', last_attempt_at = now()
                            from due where d.id = due.id
                            returning d.id, d.endpoint_id, d.tenant_id, d.event_id, d.attempts)
                        select c.id, c.endpoint_id, c.event_id, c.attempts, e.payload from claimed c
                        left join webhook_event e on e.tenant_id = c.tenant_id and e.event_id = c.event_id""")
                .execute(Tuple.of(limit, lease().toMillis()))
                .flatMap(rows -> {
                    var claimed = new ArrayList<Stored>();
                    rows.forEach(row -> claimed.add(new Stored(
                            row.getUUID("id"),
                            row.getUUID("endpoint_id"),
                            row.getString("event_id"),
                            row.getString("payload"),
                            row.getInteger("attempts"))));
                    return claimed(connection, claimed);
                }));
    }

    private Uni<List<Claimed>> claimed(SqlConnection connection, List<Stored> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        var endpointIds = claimed.stream().map(Stored::endpointId).distinct().toArray(UUID[]::new);
        // Sending must end well before the lease does, or another instance may send it too.
        var sendBy = clock.instant().plus(lease()).minus(config.requestTimeout());
        return targets(connection, endpointIds)
                .map(targets -> claimed.stream()
                        .map(stored -> new Claimed(
                                stored.id(),
                                stored.endpointId(),
                                targets.get(stored.endpointId()),
                                stored.eventId(),
                                stored.payload(),
                                stored.attempts(),
                                sendBy))
                        .toList());
    }

    private Duration lease() {
        return config.requestTimeout().multipliedBy(3);
    }

    private Uni<Map<UUID, DeliveryTarget>> targets(SqlConnection connection, UUID[] endpointIds) {
        return connection
                .preparedQuery("select e.id, e.tenant_id, e.organization_id, e.url, e.enabled,"
                        + " e.ed25519_private_sealed, array_agg(s.sealed) filter (where s.id is not null) as secrets"
                        + " from webhook_endpoint e left join webhook_secret s on s.endpoint_id = e.id"
                        + " and (s.expires_at is null or s.expires_at > now()) where e.id = any($1) group by e.id")
                .execute(Tuple.of((Object) endpointIds))
                .map(rows -> {
                    var targets = new HashMap<UUID, DeliveryTarget>();
                    for (var row : rows) {
                        var id = row.getUUID("id");
                        var sealed = row.getArrayOfStrings("secrets");
                        targets.put(
                                id,
                                new DeliveryTarget(
                                        id,
                                        row.getUUID("tenant_id"),
                                        row.getUUID("organization_id"),
                                        row.getString("url"),
                                        row.getBoolean("enabled"),
                                        secrets.open(id, sealed == null ? List.of() : List.of(sealed)),
                                        secrets.openPrivateKey(id, row.getString("ed25519_private_sealed"))));
                    }
                    return targets;
                });
    }

    private void dispatch(Claimed delivery) {
        var target = delivery.target();
        if (target == null || !target.enabled()) {
            finish(notAttempted(delivery, "the endpoint is disabled or gone"));
            return;
        }
        if (delivery.payload() == null) {
            finish(notAttempted(delivery, "the event is no longer stored"));
            return;
        }
        lanes.computeIfAbsent(delivery.endpointId(), id -> new Lane()).offer(delivery);
    }

    private void send(Lane lane, Claimed delivery) {
        var started = System.nanoTime();
        var attemptedAt = clock.instant();
        var span = tracing.start(delivery.id(), delivery.payload());
        attempt(delivery)
                .subscribe()
                .with(
                        response -> {
                            lane.done();
                            var status = response.status();
                            AttemptTracing.answered(span, status);
                            finish(new AttemptRecorder.Attempt(
                                    delivery.id(),
                                    delivery.attempts(),
                                    delivery.target(),
                                    attemptedAt,
                                    delivery.target().url(),
                                    status,
                                    elapsed(started),
                                    response.body(),
                                    null,
                                    next(delivery, status, RetryPolicy.retryable(status), response.retryAfter())));
                        },
                        failure -> {
                            lane.done();
                            AttemptTracing.failed(span, failure);
                            finish(new AttemptRecorder.Attempt(
                                    delivery.id(),
                                    delivery.attempts(),
                                    delivery.target(),
                                    attemptedAt,
                                    delivery.target().url(),
                                    null,
                                    elapsed(started),
                                    null,
                                    failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                                    next(delivery, null, !(failure instanceof AddressGuard.RefusedTarget), null)));
                        });
    }

    private void finish(AttemptRecorder.Attempt attempt) {
        recorder.record(attempt)
                .eventually(() -> {
                    if (outstanding.decrementAndGet() < MAX_OUTSTANDING / 2 && saturated) {
                        wake();
                    }
                })
                .subscribe()
                .with(x -> {}, failure -> {});
    }

    private Instant next(Claimed delivery, Integer status, boolean retryable, String retryAfter) {
        var succeeded = status != null && status >= 200 && status < 300;
        return succeeded || !retryable ? null : retries.next(delivery.attempts(), clock.instant(), retryAfter);
    }

    private AttemptRecorder.Attempt notAttempted(Claimed delivery, String why) {
        return new AttemptRecorder.Attempt(
                delivery.id(),
                delivery.attempts(),
                null,
                clock.instant(),
                delivery.target() == null ? "" : delivery.target().url(),
                null,
                0,
                null,
                why,
                null);
    }

    /** One attempt: to the address just resolved and checked, never to a second lookup of the host. */
    private Uni<WebhookSender.Answer> attempt(Claimed delivery) {
        var url = URI.create(delivery.target().url());
        return addresses.resolveHost(url.getHost()).flatMap(address -> {
            var timestamp = clock.instant().getEpochSecond();
            var signature = WebhookSigner.signature(
                    delivery.eventId(),
                    timestamp,
                    delivery.payload(),
                    delivery.target().secrets(),
                    delivery.target().privateKey());
            var headers = MultiMap.caseInsensitiveMultiMap()
                    .add("User-Agent", "NexIdentity-Webhooks/1.0")
                    .add("Content-Type", "application/json")
                    .add("webhook-id", delivery.eventId())
                    .add("webhook-timestamp", String.valueOf(timestamp))
                    .add("webhook-signature", signature);
            return sender.send(url, address, headers, delivery.payload());
        });
    }

    private static int elapsed(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }

    /** The deliveries claimed for one endpoint, sent at most {@code per-endpoint-concurrency} at a time. */
    private final class Lane {
        private final Deque<Claimed> waiting = new ArrayDeque<>();
        private int inFlight;

        void offer(Claimed delivery) {
            synchronized (this) {
                if (waiting.size() >= LANE_LIMIT) {
                    // A backed-up endpoint: this one is sent after its lease runs out, not ahead of other endpoints.
                    outstanding.decrementAndGet();
                    return;
                }
                waiting.add(delivery);
            }
            drain();
        }

        void done() {
            synchronized (this) {
                inFlight--;
            }
            drain();
        }

        private void drain() {
            while (true) {
                Claimed next;
                boolean expired;
                synchronized (this) {
                    if (inFlight >= config.perEndpointConcurrency() || waiting.isEmpty()) {
                        return;
                    }
                    next = waiting.poll();
                    expired = clock.instant().isAfter(next.sendBy());
                    if (!expired) {
                        inFlight++;
                    }
                }
                if (expired) {
                    // Its lease is (nearly) over: whoever claims it next sends it; nothing is recorded for this claim.
                    outstanding.decrementAndGet();
                } else {
                    send(this, next);
                }
            }
        }
    }

    /** A delivery just stored or claimed, as the worker sends it. */
    public record Stored(UUID id, UUID endpointId, String eventId, String payload, int attempts) {}

    private record Claimed(
            UUID id,
            UUID endpointId,
            DeliveryTarget target,
            String eventId,
            String payload,
            int attempts,
            Instant sendBy) {}
}
