package io.nexidentity.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

/** The guard against a real PostgreSQL: what a record's own failure costs, and what a database failure costs. */
@QuarkusTest
class ConsumerGuardTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    ConsumerGuard guard;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void applyBatchWhenOneRecordFailsAtTheDatabaseThenTheOthersAreStoredAndItIsDeadLettered() {
        var consumer = "guard-test-" + UUID.randomUUID();
        var good = List.of(event("first"), event("second"));
        // PostgreSQL refuses a NUL character in text (22021): the record can never be stored, the batch with it fails.
        var poison = event("nul\u0000inside");
        var batch = List.of(good.get(0), poison, good.get(1));

        guard.applyBatch(consumer, batch, this::storeAll).await().atMost(PATIENCE);

        assertThat(consumedSubjects(batch)).containsExactlyInAnyOrder("first", "second");
        var letters = pool.preparedQuery(
                        "select event_id, event_type, error, record from dead_letter_event" + " where consumer = $1")
                .execute(Tuple.of(consumer))
                .await()
                .atMost(PATIENCE);
        assertThat(letters.size()).isEqualTo(1);
        var letter = letters.iterator().next();
        assertThat(letter.getString("event_id")).isEqualTo(idOf(poison));
        assertThat(letter.getString("event_type")).isEqualTo("nexid.probe.renamed.v1");
        assertThat(letter.getString("error")).contains("22021");
        assertThat(new String(letter.getBuffer("record").getBytes(), StandardCharsets.UTF_8))
                .isEqualTo(poison);
        assertThat(registry.get("nexid.consumer.dead.letters")
                        .tag("consumer", consumer)
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void applyWhenTheDatabaseFailsThenRetriedUntilItPassesAndNothingIsDeadLettered() {
        var consumer = "guard-test-" + UUID.randomUUID();
        var attempts = new AtomicInteger();
        var record = event("after an outage");

        guard.apply(
                        consumer,
                        record,
                        json -> attempts.incrementAndGet() <= 3
                                ? Uni.createFrom().failure(ClosedConnectionException.INSTANCE)
                                : storeAll(List.of(json)))
                .await()
                .atMost(PATIENCE);

        assertThat(attempts.get()).isEqualTo(4);
        assertThat(consumedSubjects(List.of(record))).containsExactly("after an outage");
        assertThat(registry.get("nexid.consumer.retries")
                        .tag("consumer", consumer)
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(deadLetters(consumer)).isZero();
    }

    @Test
    void isTransientWhenDatabaseSaysConnectionOrConflictThenTrueWhenItRefusesTheDataThenFalse() {
        assertThat(ConsumerGuard.isTransient(new PgException("gone", "FATAL", "08006", null)))
                .isTrue();
        assertThat(ConsumerGuard.isTransient(new PgException("deadlock", "ERROR", "40P01", null)))
                .isTrue();
        assertThat(ConsumerGuard.isTransient(new PgException("shutting down", "FATAL", "57P01", null)))
                .isTrue();
        assertThat(ConsumerGuard.isTransient(new RuntimeException(ClosedConnectionException.INSTANCE)))
                .isTrue();
        assertThat(ConsumerGuard.isTransient(new PgException("fk", "ERROR", "23503", null)))
                .isFalse();
        assertThat(ConsumerGuard.isTransient(new PgException("nul", "ERROR", "22021", null)))
                .isFalse();
        assertThat(ConsumerGuard.isTransient(new IllegalArgumentException("bad payload")))
                .isFalse();
    }

    /** Stores the batch's subjects in one statement: one record that cannot be stored fails them all. */
    private Uni<Void> storeAll(List<String> records) {
        var ids = new ArrayList<String>();
        var subjects = new ArrayList<String>();
        for (var record : records) {
            ids.add(idOf(record));
            subjects.add(record.substring(record.indexOf("\"subject\":\"") + 11, record.indexOf("\",\"time\"")));
        }
        return pool.preparedQuery(
                        "insert into consumed_event (event_id, subject) select * from unnest($1::text[], $2::text[])")
                .execute(Tuple.of(
                        ids.toArray(String[]::new),
                        subjects.stream()
                                .map(subject -> subject.replace("\\u0000", "\u0000"))
                                .toArray(String[]::new)))
                .replaceWithVoid();
    }

    private List<String> consumedSubjects(List<String> records) {
        var rows = pool.preparedQuery("select subject from consumed_event where event_id = any($1)")
                .execute(Tuple.of(records.stream().map(ConsumerGuardTest::idOf).toArray(String[]::new)))
                .await()
                .atMost(PATIENCE);
        var subjects = new ArrayList<String>();
        rows.forEach(row -> subjects.add(row.getString(0)));
        return subjects;
    }

    private long deadLetters(String consumer) {
        return pool.preparedQuery("select count(*) from dead_letter_event where consumer = $1")
                .execute(Tuple.of(consumer))
                .await()
                .atMost(PATIENCE)
                .iterator()
                .next()
                .getLong(0);
    }

    private static String event(String subject) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"nexid.probe.renamed.v1","subject":"%s",\
                "time":"2026-11-28T10:00:00Z","tenantid":"%s","data":{}}""".formatted(UUID.randomUUID(), subject.replace("\u0000", "\\u0000"), UUID.randomUUID());
    }

    private static String idOf(String record) {
        return record.substring(record.indexOf("\"id\":\"") + 6, record.indexOf("\",\"source\""));
    }
}
