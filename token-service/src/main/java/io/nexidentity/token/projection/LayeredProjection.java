package io.nexidentity.token.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records another service owns, kept in three layers for the hot path: this instance's memory (a hit is a map lookup),
 * the service's database projection, and a read-through to the owner's internal API, so a record works the moment the
 * call that created it returned. Changes arrive as events: {@link #remember} for memory, {@link #store} for the
 * database; a fact older than what a layer holds never overwrites it. Ids are canonical by the time they get here
 * (callers check their syntax), and the owner's answer is kept only under the id asked for. Unknown ids cannot flood the
 * owner or this instance's memory: a bounded set of them is remembered for a while, and read-throughs are limited to a
 * steady rate per instance (beyond it, an id that is in neither local layer is unknown until the next try).
 */
public class LayeredProjection<T> {

    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);
    private static final int NEGATIVE_CAPACITY = 10_000;
    private static final Duration READ_THROUGH_MARGIN = Duration.ofSeconds(10);
    private static final int READ_THROUGHS_PER_SECOND = 50;

    private final ConcurrentHashMap<String, Entry<T>> memory = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder()
            .maximumSize(NEGATIVE_CAPACITY)
            .expireAfterWrite(NEGATIVE_TTL)
            .build();
    private final ReadThroughBudget readThroughs = new ReadThroughBudget(READ_THROUGHS_PER_SECOND, System::nanoTime);
    private final Pool pool;
    private final String table;
    private final Class<T> type;
    private final ObjectMapper mapper;
    private final Function<String, Uni<Optional<T>>> owner;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param table a table with columns {@code id text primary key, record text, as_of timestamptz}
     * @param owner reads a record from its owner, empty when the owner does not know it
     */
    public LayeredProjection(
            Pool pool, String table, Class<T> type, ObjectMapper mapper, Function<String, Uni<Optional<T>>> owner) {
        this.pool = pool;
        this.table = table;
        this.type = type;
        this.mapper = mapper;
        this.owner = owner;
    }

    public Uni<Optional<T>> find(String id) {
        var known = memory.get(id);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known.record()));
        }
        if (unknown.getIfPresent(id) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return fromDatabase(id).flatMap(stored -> {
            if (stored.isPresent()) {
                return Uni.createFrom().item(stored);
            }
            if (!readThroughs.take()) {
                return Uni.createFrom().item(Optional.<T>empty());
            }
            return fromOwner(id).invoke(found -> {
                if (found.isEmpty()) {
                    unknown.put(id, Boolean.TRUE);
                }
            });
        });
    }

    /** Applies a change to this instance's memory; {@code record} null means deleted. */
    public void remember(String id, T record, Instant asOf) {
        unknown.invalidate(id);
        memory.compute(id, (key, current) -> {
            if (current != null && current.asOf().isAfter(asOf)) {
                return current;
            }
            return record == null ? null : new Entry<>(record, asOf);
        });
    }

    /** Applies a change to the database projection; {@code record} null means deleted. */
    public Uni<Void> store(String id, T record, Instant asOf) {
        var at = asOf.atOffset(ZoneOffset.UTC);
        if (record == null) {
            return pool.preparedQuery("delete from " + table + " where id = $1 and as_of <= $2")
                    .execute(Tuple.of(id, at))
                    .replaceWithVoid();
        }
        return pool.preparedQuery("insert into " + table + " (id, record, as_of) values ($1, $2, $3)"
                        + " on conflict (id) do update set record = excluded.record, as_of = excluded.as_of"
                        + " where " + table + ".as_of <= excluded.as_of")
                .execute(Tuple.of(id, write(record), at))
                .replaceWithVoid();
    }

    private Uni<Optional<T>> fromDatabase(String id) {
        return pool.preparedQuery("select record, as_of from " + table + " where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    remember(
                            id,
                            read(row.getString("record")),
                            row.getOffsetDateTime("as_of").toInstant());
                    return Optional.ofNullable(memory.get(id)).map(Entry::record);
                });
    }

    /** What the owner says is stored as of a little before now, so events committed around the read still apply. */
    private Uni<Optional<T>> fromOwner(String id) {
        var asOf = clock.instant().minus(READ_THROUGH_MARGIN);
        return owner.apply(id).call(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            remember(id, found.get(), asOf);
            return store(id, found.get(), asOf);
        });
    }

    private T read(String json) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + table + " record", e);
        }
    }

    private String write(T record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry<T>(T record, Instant asOf) {}
}
