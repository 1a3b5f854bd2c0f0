package io.nexidentity.outbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's work on the records of a shared topic so that no record can stop the channel: a failure of the
 * database or the network is retried with backoff until it passes (nothing is skipped while the database is away); any
 * other failure belongs to a record, and only that record is set aside as a {@link DeadLetters dead letter} while the
 * others are applied. Once the service is stopping, failures (a closed pool, say) say nothing about the records: they
 * are passed on unacknowledged, and the records are consumed again after the restart.
 */
@ApplicationScoped
public class ConsumerGuard {

    private static final Logger LOG = Logger.getLogger(ConsumerGuard.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    ConsumerGuard(DeadLetters deadLetters, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    void stopping(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** Applies {@code work} to one record; a record it cannot apply becomes a dead letter. */
    public Uni<Void> apply(String consumer, String record, Function<String, Uni<Void>> work) {
        return applyBatch(consumer, List.of(record), records -> work.apply(records.get(0)));
    }

    /**
     * Applies {@code work} to a whole batch; when the batch fails for a reason of its own, each record is applied alone
     * so that only the records that fail alone become dead letters.
     */
    public Uni<Void> applyBatch(String consumer, List<String> records, Function<List<String>, Uni<Void>> work) {
        return retryingTransient(consumer, () -> work.apply(records))
                .onFailure(failure -> !stopping)
                .recoverWithUni(failure -> {
                    if (records.size() == 1) {
                        return deadLetter(consumer, records.get(0), failure);
                    }
                    LOG.warnf(
                            "%s applies a batch of %d records one by one: %s",
                            consumer, records.size(), failure.toString());
                    return Multi.createFrom()
                            .iterable(records)
                            .onItem()
                            .transformToUniAndConcatenate(record -> applyBatch(consumer, List.of(record), work))
                            .collect()
                            .last()
                            .replaceWithVoid();
                });
    }

    private Uni<Void> deadLetter(String consumer, String record, Throwable failure) {
        return retryingTransient(consumer, () -> deadLetters.record(consumer, record, failure))
                .onFailure(unrecorded -> !stopping)
                .recoverWithItem(unrecorded -> {
                    // The record stays in Kafka until retention ends; stopping the channel would not bring it back.
                    LOG.errorf("%s could not keep a dead letter and skips it: %s", consumer, unrecorded.toString());
                    return null;
                });
    }

    private Uni<Void> retryingTransient(String consumer, Supplier<Uni<? extends Void>> work) {
        var retries = Counter.builder("nexid.consumer.retries")
                .description("Attempts of a consumer retried because the database or the network failed")
                .tag("consumer", consumer)
                .register(registry);
        return Uni.createFrom()
                .deferred(work)
                .onFailure(failure -> !stopping && isTransient(failure))
                .invoke(failure -> {
                    retries.increment();
                    LOG.warnf("%s retries after a transient failure: %s", consumer, failure.toString());
                })
                .onFailure(failure -> !stopping && isTransient(failure))
                .retry()
                .withBackOff(FIRST_RETRY, LAST_RETRY)
                .indefinitely();
    }

    /**
     * Whether a failure says nothing about the records: the database refused for a reason of its own (connection,
     * resources, shutdown, a serialization conflict or deadlock) or could not be reached at all.
     */
    static boolean isTransient(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                var state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("08") // connection exception
                        || state.startsWith("40") // serialization failure, deadlock
                        || state.startsWith("53") // insufficient resources
                        || state.startsWith("57") // operator intervention: shutdown, cancelled
                        || state.startsWith("58") // system error (I/O)
                        || state.equals("55P03"); // lock not available
            }
            if (cause instanceof VertxException
                    || cause instanceof IOException
                    || cause instanceof TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
