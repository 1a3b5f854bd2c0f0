package io.nexidentity.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.limit.ReadThroughBudget;

/**
 * Records another service owns, as this service knows them, in up to three layers: this instance's memory (declared
 * for hot paths; a hit is a map lookup), the service's table {@code (id text primary key, record text, as_of
 * timestamptz)}, and a read-through to the owner, so a record works the moment the call that created it returned.
 *
 * <p>Changes arrive as events ({@link #put}, {@link #merge}, {@link #delete}); a fact older than what a layer holds
 * ({@code as_of}) never overwrites it, and a deletion stays as a tombstone so that a late event cannot bring the record
 * back. What the owner answers is stored as of a little before now, so events committed around the read still apply
 * over it; a stored record that is not yet {@code settled} (a tenant whose licence event has not arrived) is read
 * through again. Ids reach here canonical (callers check their syntax) and an owner's answer is kept only under the id
 * asked for. Ids the owner does not know are remembered, a bounded number for a few seconds; where the ids come from
 * unauthenticated callers a use also limits read-throughs to a steady rate per instance.
 */
public final class Projection<T> {

    static final Duration READ_THROUGH_MARGIN = Duration.ofSeconds(10);
    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);
    private static final int NEGATIVE_CAPACITY = 10_000;

    private final String name;
    private final String table;
    private final Class<T> type;
    private final Function<String, Uni<Optional<T>>> owner;
    private final Function<T, String> idOf;
    private final Predicate<T> kept;
    private final Predicate<T> settled;
    private final ConcurrentHashMap<String, Entry<T>> memory;
    private final ReadThroughBudget readThroughs;
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder()
            .maximumSize(NEGATIVE_CAPACITY)
            .expireAfterWrite(NEGATIVE_TTL)
            .build();
    private final Pool pool;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Lookups lookups;

    Projection(Declaration<T> declaration, Pool pool, ObjectMapper mapper, Clock clock, MeterRegistry registry) {
        this.name = declaration.name;
        this.table = declaration.table;
        this.type = declaration.type;
        this.owner = declaration.owner;
        this.idOf = declaration.idOf;
        this.kept = declaration.kept;
        this.settled = declaration.settled;
        this.memory = declaration.inMemory ? new ConcurrentHashMap<>() : null;
        this.readThroughs = declaration.readThroughsPerSecond > 0
                ? new ReadThroughBudget(declaration.readThroughsPerSecond, System::nanoTime)
                : null;
        this.pool = pool;
        this.mapper = mapper;
        this.clock = clock;
        this.lookups = new Lookups(name, registry);
    }

    public String name() {
        return name;
    }

    public Uni<Optional<T>> find(String id) {
        var remembered = memory == null ? null : memory.get(id);
        if (remembered != null && settled(remembered)) {
            lookups.memory.increment();
            return Uni.createFrom().item(Optional.ofNullable(remembered.record()));
        }
        if (memory != null && unknown.getIfPresent(id) != null) {
            // This instance hears of every change: an id it was told is unknown still is.
            lookups.unknown.increment();
            return Uni.createFrom().item(Optional.ofNullable(remembered).map(Entry::record));
        }
        return stored(id).flatMap(stored -> {
            if (stored.isPresent() && settled(stored.get())) {
                lookups.database.increment();
                return Uni.createFrom().item(Optional.ofNullable(stored.get().record()));
            }
            var fallback = stored.map(Entry::record);
            if (unknown.getIfPresent(id) != null) {
                lookups.unknown.increment();
                return Uni.createFrom().item(fallback);
            }
            if (readThroughs != null && !readThroughs.take()) {
                lookups.deferred.increment();
                return Uni.createFrom().item(fallback);
            }
            return fromOwner(id).map(found -> found.or(() -> fallback));
        });
    }

    /** The whole record as of {@code asOf}; a record of a kind this projection does not keep changes nothing. */
    public Change put(String id, T record, Instant asOf) {
        return kept.test(record) ? new Put(id, record, asOf) : Unchanged.INSTANCE;
    }

    /** The record ({@code last}, as it was) is gone as of {@code asOf}; what is older can no longer bring it back. */
    public Change delete(String id, T last, Instant asOf) {
        return kept.test(last) ? new Put(id, null, asOf) : Unchanged.INSTANCE;
    }

    /**
     * A part of a record changed as of {@code asOf} (a rename, say): applied to a record this service holds; a record
     * it does not hold is left to the events that create it or to read-through.
     */
    public Change merge(String id, UnaryOperator<T> change, Instant asOf) {
        return new Merge(id, change, null, asOf);
    }

    /** As {@link #merge(String, UnaryOperator, Instant)}; a record this service does not hold starts as {@code absent}. */
    public Change merge(String id, UnaryOperator<T> change, T absent, Instant asOf) {
        return new Merge(id, change, absent, asOf);
    }

    /** A change an event carries: into the service's table (once per service) or into this instance's memory. */
    public sealed interface Change permits Projection.Put, Projection.Merge, Unchanged {

        Uni<Void> store();

        void remember();
    }

    final class Put implements Change {
        private final String id;
        private final T record;
        private final Instant asOf;

        Put(String id, T record, Instant asOf) {
            this.id = id;
            this.record = record;
            this.asOf = asOf;
        }

        @Override
        public Uni<Void> store() {
            return write(pool, id, record, asOf);
        }

        @Override
        public void remember() {
            Projection.this.remember(id, record, asOf);
        }
    }

    final class Merge implements Change {
        private final String id;
        private final UnaryOperator<T> change;
        private final T absent;
        private final Instant asOf;

        Merge(String id, UnaryOperator<T> change, T absent, Instant asOf) {
            this.id = id;
            this.change = change;
            this.absent = absent;
            this.asOf = asOf;
        }

        @Override
        public Uni<Void> store() {
            return pool.withTransaction(sql -> sql.preparedQuery(
                            "select record, as_of from " + table + " where id = $1 for update")
                    .execute(Tuple.of(id))
                    .flatMap(rows -> {
                        if (rows.size() == 0) {
                            return absent == null ? Uni.createFrom().voidItem() : write(sql, id, absent, asOf);
                        }
                        var current = entry(rows.iterator().next());
                        if (current.record() == null || current.asOf().isAfter(asOf)) {
                            return Uni.createFrom().voidItem();
                        }
                        return write(sql, id, change.apply(current.record()), asOf);
                    }));
        }

        @Override
        public void remember() {
            if (memory == null) {
                return;
            }
            unknown.invalidate(id);
            memory.compute(id, (key, current) -> {
                if (current == null) {
                    return absent == null ? null : new Entry<>(absent, asOf);
                }
                return current.asOf().isAfter(asOf) || current.record() == null
                        ? current
                        : new Entry<>(change.apply(current.record()), asOf);
            });
        }
    }

    private void remember(String id, T record, Instant asOf) {
        unknown.invalidate(id);
        if (memory == null) {
            return;
        }
        memory.compute(
                id,
                (key, current) ->
                        current != null && current.asOf().isAfter(asOf) ? current : new Entry<>(record, asOf));
    }

    private Uni<Void> write(SqlClient sql, String id, T record, Instant asOf) {
        return sql.preparedQuery("insert into " + table + " (id, record, as_of) values ($1, $2, $3)"
                        + " on conflict (id) do update set record = excluded.record, as_of = excluded.as_of"
                        + " where " + table + ".as_of <= excluded.as_of")
                .execute(Tuple.of(id, record == null ? null : json(record), asOf.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private Uni<Optional<Entry<T>>> stored(String id) {
        return pool.preparedQuery("select record, as_of from " + table + " where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var entry = entry(rows.iterator().next());
                    remember(id, entry.record(), entry.asOf());
                    return Optional.of(memory == null ? entry : memory.getOrDefault(id, entry));
                });
    }

    private Uni<Optional<T>> fromOwner(String id) {
        var asOf = clock.instant().minus(READ_THROUGH_MARGIN);
        return owner.apply(id)
                .map(answer -> answer.filter(record -> id.equals(idOf.apply(record)) && kept.test(record)))
                .call(found -> {
                    if (found.isEmpty()) {
                        lookups.unknown.increment();
                        unknown.put(id, Boolean.TRUE);
                        return Uni.createFrom().voidItem();
                    }
                    lookups.owner.increment();
                    remember(id, found.get(), asOf);
                    return write(pool, id, found.get(), asOf);
                });
    }

    private boolean settled(Entry<T> entry) {
        return entry.record() == null || settled.test(entry.record());
    }

    private Entry<T> entry(Row row) {
        var json = row.getString("record");
        return new Entry<>(
                json == null ? null : read(json), row.getOffsetDateTime("as_of").toInstant());
    }

    private T read(String json) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + table + " record", e);
        }
    }

    private String json(T record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record (null: deleted) and the time of the newest fact it holds. */
    private record Entry<T>(T record, Instant asOf) {}

    /** Where lookups were answered: the layers' hit rates and what the owner was spared. */
    private static final class Lookups {
        final Counter memory;
        final Counter database;
        final Counter owner;
        final Counter unknown;
        final Counter deferred;

        Lookups(String projection, MeterRegistry registry) {
            this.memory = counter(registry, projection, "memory");
            this.database = counter(registry, projection, "database");
            this.owner = counter(registry, projection, "read_through");
            this.unknown = counter(registry, projection, "unknown");
            this.deferred = counter(registry, projection, "read_through_deferred");
        }

        private static Counter counter(MeterRegistry registry, String projection, String answer) {
            return Counter.builder("nexid.projection.lookups")
                    .description("Lookups of a projection by the layer that answered them")
                    .tag("projection", projection)
                    .tag("answer", answer)
                    .register(registry);
        }
    }

    /** What a use declares: its name, type, table, owner and, where it matters, memory and a read-through rate. */
    public static final class Declaration<T> {
        private final Projections projections;
        private final String name;
        private final Class<T> type;
        private String table;
        private Function<T, String> idOf;
        private Function<String, Uni<Optional<T>>> owner;
        private Predicate<T> kept = record -> true;
        private Predicate<T> settled = record -> true;
        private boolean inMemory;
        private int readThroughsPerSecond;

        Declaration(Projections projections, String name, Class<T> type) {
            this.projections = projections;
            this.name = name;
            this.type = type;
        }

        public Declaration<T> table(String table) {
            if (!table.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
            this.table = table;
            return this;
        }

        /** The id a record is kept under: an owner's answer is kept only when it is the record asked for. */
        public Declaration<T> identifiedBy(Function<T, String> idOf) {
            this.idOf = idOf;
            return this;
        }

        /** Reads a record from its owner: empty when the owner does not know the id. */
        public Declaration<T> owner(Function<String, Uni<Optional<T>>> owner) {
            this.owner = owner;
            return this;
        }

        /** The owner is a platform service: GET {@code path} (its {@code {}} the id) on its internal API. */
        public Declaration<T> owner(String serviceUrl, String path) {
            return owner(id -> projections.internalApi().get(serviceUrl, type, path, id));
        }

        /** Only records that pass are kept, from events and from the owner alike; others are as good as unknown. */
        public Declaration<T> keeping(Predicate<T> kept) {
            this.kept = kept;
            return this;
        }

        /** A stored record that is not settled is read through again (falling back to it if the owner cannot say). */
        public Declaration<T> settledWhen(Predicate<T> settled) {
            this.settled = settled;
            return this;
        }

        /** Keep the records in this instance's memory too; the use then also feeds {@link Change#remember}. */
        public Declaration<T> inMemory() {
            this.inMemory = true;
            return this;
        }

        public Declaration<T> readThroughsPerSecond(int perSecond) {
            this.readThroughsPerSecond = perSecond;
            return this;
        }

        public Projection<T> build() {
            if (table == null || owner == null || idOf == null) {
                throw new IllegalStateException("projection " + name + " needs a table, an owner and an id");
            }
            return projections.build(this);
        }
    }
}
