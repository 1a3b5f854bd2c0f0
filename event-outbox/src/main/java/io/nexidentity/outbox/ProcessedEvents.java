package io.nexidentity.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ledger that makes a consumer idempotent: record an event id in the same transaction that applies the event, and
 * apply it only when the record is new. Concurrent deliveries of one event serialize on the primary key.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Marks {@code eventId} as processed by {@code consumer} in the current transaction.
     *
     * @return true on the first delivery, false when the event was processed before
     */
    public Uni<Boolean> markProcessed(String consumer, String eventId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                        .setParameter(1, consumer)
                        .setParameter(2, eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The same, for consumers that work on the SQL client directly (pass the transaction's connection). */
    public Uni<Boolean> markProcessed(SqlClient sql, String consumer, String eventId) {
        return sql.preparedQuery(
                        "insert into processed_event (consumer, event_id) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(consumer, eventId))
                .map(result -> result.rowCount() == 1);
    }
}
