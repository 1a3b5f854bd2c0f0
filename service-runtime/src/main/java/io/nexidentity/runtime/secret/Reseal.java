package io.nexidentity.runtime.secret;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

/**
 * Moves the values of one sealed column to the current key-encryption key, a batch at a time, after a rotation. Each
 * row is updated only if its value is still the one read (compare-and-set), so replicas doing the same, or a secret
 * rotated meanwhile, lose nothing. The gauge {@code nexid_sealed_values_on_previous_keys{column}} counts what is left:
 * once it reads 0 on every replica's last run, the previous key can be removed (docs/operations.md).
 */
public final class Reseal {

    private static final Logger LOG = Logger.getLogger(Reseal.class);
    private static final int BATCH = 100;

    private final Pool pool;
    private final AesGcmSealer sealer;
    private final String table;
    private final String key;
    private final String column;
    private final Function<Row, String> context;
    private final AtomicLong remaining = new AtomicLong();

    /**
     * @param key the table's primary key column
     * @param column the sealed column (nullable values are skipped)
     * @param context the sealing context of a row, as the owner sealed it
     */
    public Reseal(
            Pool pool,
            AesGcmSealer sealer,
            MeterRegistry registry,
            String table,
            String key,
            String column,
            Function<Row, String> context) {
        this.pool = pool;
        this.sealer = sealer;
        this.table = table;
        this.key = key;
        this.column = column;
        this.context = context;
        Gauge.builder("nexid.sealed.values.on.previous.keys", remaining, AtomicLong::get)
                .description("Sealed values not yet moved to the current key-encryption key")
                .tag("column", table + "." + column)
                .register(registry);
    }

    /** Re-seals every value not sealed with the current key; the number moved. */
    public Uni<Long> run() {
        return Multi.createBy()
                .repeating()
                .uni(this::batch)
                .whilst(moved -> moved == BATCH)
                .collect()
                .with(Collectors.summingLong(Integer::longValue))
                .call(this::count)
                .invoke(moved -> {
                    if (moved > 0 || remaining.get() > 0) {
                        LOG.infof(
                                "re-sealed %d values of %s.%s with %s; %d remain on previous keys",
                                moved, table, column, sealer.currentKeyId(), remaining.get());
                    }
                });
    }

    private Uni<Integer> batch() {
        return pool.preparedQuery("select * from " + table + " where " + column + " is not null and " + column
                        + " not like $1 limit " + BATCH)
                .execute(Tuple.of(sealer.currentKeyId() + ":%"))
                .flatMap(rows -> {
                    var updates = new ArrayList<Uni<Integer>>();
                    for (var row : rows) {
                        var old = row.getString(column);
                        var moved = sealer.seal(context.apply(row), sealer.open(context.apply(row), old));
                        updates.add(pool.preparedQuery("update " + table + " set " + column + " = $1 where " + key
                                        + " = $2 and " + column + " = $3")
                                .execute(Tuple.of(moved, row.getValue(key), old))
                                .map(updated -> updated.rowCount()));
                    }
                    return updates.isEmpty()
                            ? Uni.createFrom().item(0)
                            : Uni.join().all(updates).andFailFast().replaceWith(rows.size());
                });
    }

    private Uni<Void> count() {
        return pool.preparedQuery("select count(*) from " + table + " where " + column + " is not null and " + column
                        + " not like $1")
                .execute(Tuple.of(sealer.currentKeyId() + ":%"))
                .invoke(rows -> remaining.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }
}
