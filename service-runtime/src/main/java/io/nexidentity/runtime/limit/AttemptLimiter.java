package io.nexidentity.runtime.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;
import java.util.SortedMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sliding-window limits on attempts (sign-ins, registrations), shared by every instance of a service through its
 * database (table {@code limited_attempt}). An attempt reserves its place before it is tried: the limit check and the
 * count are one step, serialized per key by transaction-scoped advisory locks taken in the keys' sorted order, so
 * parallel attempts on any number of instances cannot slip past a limit, and two attempts never wait on each other in
 * a circle. An attempt that turns out not to count (a correct password) gives its place back.
 */
@ApplicationScoped
public class AttemptLimiter {

    private final Pool pool;
    private final Clock clock;

    AttemptLimiter(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Reserves an attempt on every key; empty (nothing reserved) when a key has reached its limit in the window. */
    public Uni<Optional<Reservation>> reserve(SortedMap<String, Integer> limits, Duration window) {
        var keys = limits.keySet().toArray(String[]::new);
        var now = clock.instant();
        var since = now.minus(window).atOffset(ZoneOffset.UTC);
        return pool.withTransaction(sql -> sql.preparedQuery(
                        "select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest($1::text[]) k")
                .execute(Tuple.of((Object) keys))
                .flatMap(locked -> sql.preparedQuery("select k, (select count(*) from limited_attempt"
                                + " where attempt_key = k and attempted_at > $2) from unnest($1::text[]) k")
                        .execute(Tuple.of(keys, since)))
                .flatMap(counts -> {
                    for (var row : counts) {
                        if (row.getLong(1) >= limits.get(row.getString(0))) {
                            return Uni.createFrom().item(Optional.<Reservation>empty());
                        }
                    }
                    return sql.preparedQuery("insert into limited_attempt (attempt_key, attempted_at)"
                                    + " select unnest($1::text[]), $2 returning id")
                            .execute(Tuple.of(keys, now.atOffset(ZoneOffset.UTC)))
                            .map(rows -> {
                                var ids = new ArrayList<Long>();
                                rows.forEach(row -> ids.add(row.getLong(0)));
                                return Optional.of(new Reservation(ids.toArray(Long[]::new)));
                            });
                }));
    }

    /** The attempt does not count after all. */
    public Uni<Void> release(Reservation reservation) {
        return pool.preparedQuery("delete from limited_attempt where id = any($1)")
                .execute(Tuple.of((Object) reservation.ids()))
                .replaceWithVoid();
    }

    /** Forgets attempts of keys starting with {@code prefix} that have left the window (for a scheduled job). */
    public Uni<Void> forget(String prefix, Duration window) {
        return pool.preparedQuery(
                        "delete from limited_attempt where starts_with(attempt_key, $1) and attempted_at < $2")
                .execute(Tuple.of(prefix, clock.instant().minus(window).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** A reserved attempt: it counts until {@link #release released}. */
    public record Reservation(Long[] ids) {}
}
