package io.nexidentity.outbox;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transaction an event is written in: the one its state change is written in, so that both commit or neither. Admin
 * aggregates are written through Hibernate Reactive ({@link #current}); hot paths and consumers through the reactive SQL
 * client ({@link #on}). Either way the event row is the same insert.
 */
public interface OutboxTransaction {

    String INSERT = "insert into outbox_event (event_id, topic, message_key, payload, created_at)"
            + " values ($1, $2, $3, $4, $5) on conflict (event_id) do nothing";

    Uni<Void> insert(String eventId, String topic, String key, String json, OffsetDateTime createdAt);

    /** The caller's Hibernate Reactive transaction (a method running in {@code @WithTransaction}). */
    static OutboxTransaction current() {
        return (eventId, topic, key, json, createdAt) -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(INSERT.replace('$', '?'))
                        .setParameter(1, eventId)
                        .setParameter(2, topic)
                        .setParameter(3, key)
                        .setParameter(4, json)
                        .setParameter(5, createdAt)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** A reactive SQL connection the caller holds a transaction on, or a pool: a transaction of the event's own. */
    static OutboxTransaction on(SqlClient sql) {
        return (eventId, topic, key, json, createdAt) -> sql.preparedQuery(INSERT)
                .execute(Tuple.of(eventId, topic, key, json, createdAt))
                .replaceWithVoid();
    }
}
