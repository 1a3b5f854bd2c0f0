package io.nexidentity.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;

/** The mechanism against a real PostgreSQL, with an owner whose answers and calls the test sees. */
@QuarkusTest
class ProjectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final EventType<Probe> CHANGED =
            new EventType<>("nexid.probe.changed.v1", Topic.TENANT, Probe.class);
    private static final EventType<Probe> RENAMED =
            new EventType<>("nexid.probe.renamed.v1", Topic.TENANT, Probe.class);
    private static final EventType<Probe> DELETED =
            new EventType<>("nexid.probe.deleted.v1", Topic.TENANT, Probe.class);

    @Inject
    Projections projections;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private final Owner owner = new Owner();

    @Test
    void findWhenCreatedAtTheOwnerAMomentAgoThenReadThroughStoredAndNextAnsweredLocally() {
        var probes = projection("read-your-writes").build();
        var id = newId();
        owner.records.put(id, new Probe(id, "created", "active"));

        assertThat(find(probes, id)).contains(new Probe(id, "created", "active"));
        assertThat(find(probes, id)).contains(new Probe(id, "created", "active"));

        assertThat(owner.calls.get()).isEqualTo(1);
        var asOf = storedAsOf(id);
        assertThat(asOf)
                .isBetween(
                        Instant.now().minus(Projection.READ_THROUGH_MARGIN).minusSeconds(5),
                        Instant.now().minus(Projection.READ_THROUGH_MARGIN));
        assertThat(lookups("read-your-writes", "read_through")).isEqualTo(1);
        assertThat(lookups("read-your-writes", "database")).isEqualTo(1);
    }

    @Test
    void putWhenAnOlderSnapshotArrivesAfterANewerThenTheNewerStays() {
        var probes = projection("ordering").build();
        var id = newId();
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        await(probes.put(id, new Probe(id, "newer", "active"), now).store());
        await(probes.put(id, new Probe(id, "older", "active"), now.minusSeconds(1))
                .store());

        assertThat(find(probes, id)).contains(new Probe(id, "newer", "active"));
        assertThat(storedAsOf(id)).isEqualTo(now);
        assertThat(owner.calls.get()).isZero();
    }

    @Test
    void putWhenTheEventIsNewerThanARecordReadThroughThenTheEventWins() {
        var probes = projection("event-after-read-through").build();
        var id = newId();
        owner.records.put(id, new Probe(id, "as read", "active"));
        find(probes, id);

        await(probes.put(id, new Probe(id, "as changed", "active"), Instant.now())
                .store());
        await(probes.put(id, new Probe(id, "long ago", "active"), Instant.now().minus(Duration.ofMinutes(1)))
                .store());

        assertThat(find(probes, id)).contains(new Probe(id, "as changed", "active"));
    }

    @Test
    void deleteWhenALateEventArrivesAfterwardsThenTheRecordStaysDeletedWithoutAskingTheOwner() {
        var probes = projection("tombstone").build();
        var id = newId();
        var now = Instant.now();
        owner.records.put(id, new Probe(id, "still at the owner", "active"));

        await(probes.put(id, new Probe(id, "created", "active"), now.minusSeconds(2))
                .store());
        await(probes.delete(id, new Probe(id, "created", "active"), now).store());
        await(probes.put(id, new Probe(id, "late", "active"), now.minusSeconds(1))
                .store());

        assertThat(find(probes, id)).isEmpty();
        assertThat(owner.calls.get()).isZero();
    }

    @Test
    void mergeWhenTheRecordIsUnknownThenNothingIsStoredAndWhenOlderThenIgnored() {
        var probes = projection("merge").build();
        var unknown = newId();
        var known = newId();
        var now = Instant.now();

        await(probes.merge(unknown, probe -> probe.renamed("renamed"), now).store());
        await(probes.put(known, new Probe(known, "first", "active"), now.minusSeconds(2))
                .store());
        await(probes.merge(known, probe -> probe.renamed("renamed"), now).store());
        await(probes.merge(known, probe -> probe.renamed("too late"), now.minusSeconds(1))
                .store());

        assertThat(storedAsOf(unknown)).isNull();
        assertThat(find(probes, known)).contains(new Probe(known, "renamed", "active"));
    }

    @Test
    void mergeWhenTheRecordIsUnknownAndAStartIsGivenThenTheStartIsStored() {
        var probes = projection("merge-start").build();
        var id = newId();
        var now = Instant.now();

        await(probes.merge(id, probe -> probe.renamed("changed"), new Probe(id, "started", "active"), now)
                .store());
        await(probes.merge(id, probe -> probe.renamed("changed"), new Probe(id, "started again", "active"), now)
                .store());

        assertThat(find(probes, id)).contains(new Probe(id, "changed", "active"));
        assertThat(owner.calls.get()).isZero();
    }

    @Test
    void findWhenTheOwnerDoesNotKnowTheIdThenAskedOnceAndRememberedAsUnknown() {
        var probes = projection("unknown").build();
        var id = newId();

        assertThat(find(probes, id)).isEmpty();
        assertThat(find(probes, id)).isEmpty();

        assertThat(owner.calls.get()).isEqualTo(1);
        assertThat(storedAsOf(id)).isNull();
        assertThat(lookups("unknown", "unknown")).isEqualTo(2);
    }

    @Test
    void findWhenTheStoredRecordIsNotSettledThenReadThroughAgainAndFallBackToItIfTheOwnerCannotSay() {
        var probes = projection("settled")
                .settledWhen(probe -> !"pending".equals(probe.status()))
                .build();
        var settled = newId();
        var vanished = newId();
        var earlier = Instant.now().minus(Duration.ofMinutes(1));
        await(probes.put(settled, new Probe(settled, "new", "pending"), earlier).store());
        await(probes.put(vanished, new Probe(vanished, "new", "pending"), earlier)
                .store());
        owner.records.put(settled, new Probe(settled, "new", "active"));

        assertThat(find(probes, settled)).contains(new Probe(settled, "new", "active"));
        assertThat(find(probes, settled)).contains(new Probe(settled, "new", "active"));
        assertThat(find(probes, vanished)).contains(new Probe(vanished, "new", "pending"));
        assertThat(owner.calls.get()).isEqualTo(2);
    }

    @Test
    void findWhenInMemoryThenRememberedChangesAnswerWithoutTheDatabaseAndOlderOnesAreIgnored() {
        var probes =
                projection("memory").table("projected_probe_memory").inMemory().build();
        var id = newId();
        var now = Instant.now();

        probes.put(id, new Probe(id, "newer", "active"), now).remember();
        probes.put(id, new Probe(id, "older", "active"), now.minusSeconds(1)).remember();
        probes.merge(id, probe -> probe.renamed("renamed"), now.plusSeconds(1)).remember();

        assertThat(find(probes, id)).contains(new Probe(id, "renamed", "active"));
        assertThat(lookups("memory", "memory")).isEqualTo(1);
        assertThat(lookups("memory", "database")).isZero();
        probes.delete(id, new Probe(id, "renamed", "active"), now.plusSeconds(2))
                .remember();
        assertThat(find(probes, id)).isEmpty();
        assertThat(owner.calls.get()).isZero();
    }

    @Test
    void findWhenReadThroughsExceedTheRateThenDeferredWithoutAskingTheOwner() {
        var probes = projection("budget").readThroughsPerSecond(1).build();
        var first = newId();
        var second = newId();
        owner.records.put(first, new Probe(first, "first", "active"));
        owner.records.put(second, new Probe(second, "second", "active"));

        assertThat(find(probes, first)).isPresent();
        assertThat(find(probes, second)).isEmpty();

        assertThat(owner.calls.get()).isEqualTo(1);
        assertThat(lookups("budget", "read_through_deferred")).isEqualTo(1);
    }

    @Test
    void storeWhenEventsCannotBeUsedThenSkippedCountedAndTheNextApplied() {
        var probes = projection("events").build();
        var id = newId();
        var events = projections
                .events("probe-events")
                .on(
                        CHANGED,
                        (event, probe) -> probe.id() == null
                                ? null
                                : probes.put(UUID.fromString(probe.id()).toString(), probe, event.time()))
                .on(
                        RENAMED,
                        (event, probe) -> probes.merge(
                                UUID.fromString(probe.id()).toString(),
                                known -> known.renamed(probe.name()),
                                event.time()))
                .on(
                        DELETED,
                        (event, probe) ->
                                probes.delete(UUID.fromString(probe.id()).toString(), probe, event.time()))
                .build();

        await(events.store("not json at all"));
        await(events.store(event(CHANGED, "{\"name\":\"no id\"}", Instant.now())));
        await(events.store(event(CHANGED, "{\"id\":\"not-a-uuid\",\"name\":\"bad id\"}", Instant.now())));
        await(events.store(event(CHANGED, "{\"id\":\"%s\",\"name\":\"no time\"}".formatted(id), null)));
        await(events.store(event(CHANGED, "[1,2]", Instant.now())));
        await(events.store(
                event(new EventType<>("nexid.probe.other.v1", Topic.TENANT, Probe.class), "{}", Instant.now())));
        var at = Instant.now();
        await(events.store(
                event(CHANGED, "{\"id\":\"%s\",\"name\":\"created\",\"status\":\"active\"}".formatted(id), at)));
        await(events.store(event(RENAMED, "{\"id\":\"%s\",\"name\":\"renamed\"}".formatted(id), at.plusMillis(1))));

        assertThat(find(probes, id)).contains(new Probe(id, "renamed", "active"));
        assertThat(events("probe-events", "skipped")).isEqualTo(5);
        assertThat(events("probe-events", "applied")).isEqualTo(2);
        assertThat(deadLetters("probe-events")).isZero();

        await(events.store(event(DELETED, "{\"id\":\"%s\"}".formatted(id), at.plusMillis(2))));
        await(events.store(
                event(CHANGED, "{\"id\":\"%s\",\"name\":\"replayed\",\"status\":\"active\"}".formatted(id), at)));
        assertThat(find(probes, id)).isEmpty();
    }

    private Projection.Declaration<Probe> projection(String name) {
        return projections
                .of(name, Probe.class)
                .table("projected_probe")
                .identifiedBy(Probe::id)
                .owner(owner::read);
    }

    private static Optional<Probe> find(Projection<Probe> probes, String id) {
        return probes.find(id).await().atMost(PATIENCE);
    }

    private static void await(Uni<Void> work) {
        work.await().atMost(PATIENCE);
    }

    private Instant storedAsOf(String id) {
        var rows = pool.preparedQuery("select as_of from projected_probe where id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(PATIENCE);
        return rows.size() == 0
                ? null
                : rows.iterator().next().getOffsetDateTime(0).toInstant();
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

    private double lookups(String projection, String answer) {
        return registry.counter("nexid.projection.lookups", "projection", projection, "answer", answer)
                .count();
    }

    private double events(String consumer, String outcome) {
        return registry.counter("nexid.projection.events", "consumer", consumer, "outcome", outcome)
                .count();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String event(EventType<?> type, String data, Instant time) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"%s",%s"tenantid":"%s","data":%s}""".formatted(
                        UUID.randomUUID(),
                        type.type(),
                        time == null ? "" : "\"time\":\"" + time + "\",",
                        UUID.randomUUID(),
                        data);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Probe(String id, String name, String status) {

        Probe renamed(String newName) {
            return new Probe(id, newName, status);
        }
    }

    /** The owning service as the projection sees it: its records, and how often it was asked. */
    static final class Owner {
        final Map<String, Probe> records = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        Uni<Optional<Probe>> read(String id) {
            calls.incrementAndGet();
            return Uni.createFrom().item(Optional.ofNullable(records.get(id)));
        }
    }
}
