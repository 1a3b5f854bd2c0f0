package io.nexidentity.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import io.nexidentity.outbox.KafkaEventSender.RelayedEvent;

/**
 * Moves committed outbox events to Kafka, oldest first, at least once. A batch is deleted in the transaction that read
 * it, only after Kafka acknowledged every record; any failure rolls back and the batch is retried. A transaction-scoped
 * advisory lock keeps one relay active per database, so several replicas never reorder a tenant's events.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6e657869642d6fL;
    private static final Duration BACKLOG_INTERVAL = Duration.ofSeconds(10);

    private final Pool pool;
    private final Vertx vertx;
    private final KafkaEventSender sender;
    private final CommitNotifications notifications;
    private final OutboxConfig config;
    private final Counter relayed;
    private final Counter failures;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean requested;
    private volatile boolean failing;
    private volatile boolean stopped;
    private long timerId = -1;
    private long backlogTimerId = -1;

    OutboxRelay(
            Pool pool,
            Vertx vertx,
            KafkaEventSender sender,
            CommitNotifications notifications,
            OutboxConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.sender = sender;
        this.notifications = notifications;
        this.config = config;
        this.relayed = Counter.builder("nexid.outbox.relayed")
                .description("Events relayed from the outbox to Kafka")
                .register(registry);
        this.failures = Counter.builder("nexid.outbox.relay.failures")
                .description("Relay batches rolled back because Kafka or the database failed")
                .register(registry);
        Gauge.builder("nexid.outbox.backlog", backlog, AtomicLong::get)
                .description("Events waiting in the outbox (as last measured, every 10 s)")
                .register(registry);
        Gauge.builder("nexid.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get)
                .description("Seconds the oldest event in the outbox has waited (as last measured, every 10 s)")
                .baseUnit("seconds")
                .register(registry);
    }

    void start(@Observes StartupEvent startup) {
        backlogTimerId = vertx.setPeriodic(BACKLOG_INTERVAL.toMillis(), id -> measureBacklog());
        if (!config.relayEnabled()) {
            return;
        }
        notifications.listen(this::requestRelay);
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> requestRelay());
        requestRelay();
    }

    private void measureBacklog() {
        pool.query(
                        "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)::bigint from outbox_event")
                .execute()
                .subscribe()
                .with(
                        rows -> {
                            var row = rows.iterator().next();
                            backlog.set(row.getLong(0));
                            oldestAgeSeconds.set(row.getLong(1));
                        },
                        failure -> LOG.debugf("outbox backlog not measured: %s", failure));
    }

    /** Asks for a relay pass; passes never overlap, a request during one causes another right after it. */
    public void requestRelay() {
        if (stopped) {
            return;
        }
        requested = true;
        if (running.compareAndSet(false, true)) {
            relayPass();
        }
    }

    private void relayPass() {
        requested = false;
        relayBatch().subscribe().with(this::afterBatch, this::afterFailure);
    }

    private void afterBatch(int count) {
        if (failing) {
            failing = false;
            LOG.info("outbox relay recovered");
        }
        if (count == config.batchSize()) {
            requested = true;
        }
        finishPass();
    }

    private void afterFailure(Throwable failure) {
        failures.increment();
        if (!failing && !stopped) {
            failing = true;
            LOG.warnf("outbox relay failed, retrying every %s: %s", config.pollInterval(), failure.toString());
        }
        requested = false;
        finishPass();
    }

    private void finishPass() {
        running.set(false);
        if (requested && running.compareAndSet(false, true)) {
            relayPass();
        }
    }

    Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? relayOldest(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayOldest(SqlConnection connection) {
        return connection
                .preparedQuery("select seq, topic, message_key, payload from outbox_event order by seq limit $1")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<RelayedEvent> batch = new ArrayList<>();
                    for (Row row : rows) {
                        batch.add(new RelayedEvent(
                                row.getLong("seq"),
                                row.getString("topic"),
                                row.getString("message_key"),
                                row.getString("payload")));
                    }
                    return batch.isEmpty() ? Uni.createFrom().item(0) : publishAndDelete(connection, batch);
                });
    }

    private Uni<Integer> publishAndDelete(SqlConnection connection, List<RelayedEvent> batch) {
        Long[] seqs = batch.stream().map(RelayedEvent::seq).toArray(Long[]::new);
        return Uni.createFrom()
                .completionStage(() -> sender.send(batch))
                .ifNoItem()
                .after(config.deliveryTimeout())
                .fail()
                .flatMap(acknowledged -> connection
                        .preparedQuery("delete from outbox_event where seq = any($1)")
                        .execute(Tuple.of(seqs)))
                .invoke(() -> relayed.increment(batch.size()))
                .replaceWith(batch.size());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (backlogTimerId >= 0) {
            vertx.cancelTimer(backlogTimerId);
        }
    }
}
