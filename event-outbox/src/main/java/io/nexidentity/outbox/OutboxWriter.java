package io.nexidentity.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.EventType;

/**
 * Writes events into the outbox inside the caller's Hibernate Reactive transaction, so an event is committed exactly
 * when the state change it describes is. Call {@link #append} from a method running in {@code @WithTransaction}.
 */
@ApplicationScoped
public class OutboxWriter {

    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final Instance<EventActor> actor;
    private final Pool pool;
    private final Clock clock = Clock.systemUTC();

    OutboxWriter(ObjectMapper mapper, OutboxConfig config, Instance<EventActor> actor, Pool pool) {
        this.mapper = mapper;
        this.config = config;
        this.actor = actor;
        this.pool = pool;
    }

    /** Appends an event about {@code subject} in {@code tenantId}; returns the event as it will be published. */
    public <P> Uni<CloudEvent> append(EventType<P> type, String subject, String tenantId, P payload) {
        var event = event(type, subject, tenantId, payload);
        var entry = new OutboxEntry();
        entry.eventId = event.id();
        entry.topic = type.topic().topicName();
        entry.messageKey = event.partitionKey();
        entry.payload = serialize(event);
        entry.createdAt = event.time();
        return entry.persist().replaceWith(event);
    }

    /**
     * Appends an event in a transaction of its own, committed when the returned Uni completes: for facts that must be
     * kept even when the request that caused them fails (a refused attempt, say).
     */
    public <P> Uni<CloudEvent> appendCommitted(EventType<P> type, String subject, String tenantId, P payload) {
        var event = event(type, subject, tenantId, payload);
        return appendCommitted(
                        type.topic().topicName(), event.id(), event.partitionKey(), serialize(event), event.time())
                .replaceWith(event);
    }

    /** Appends an event on a connection the caller holds a transaction on (services using the reactive SQL client). */
    public <P> Uni<CloudEvent> append(
            SqlConnection connection, EventType<P> type, String subject, String tenantId, P payload) {
        var event = event(type, subject, tenantId, payload);
        return insert(
                        connection,
                        type.topic().topicName(),
                        event.id(),
                        event.partitionKey(),
                        serialize(event),
                        event.time())
                .replaceWith(event);
    }

    /** Stores an already serialized event in a transaction of its own (the spill path of hot-path events). */
    Uni<Void> appendCommitted(String topic, String eventId, String key, String json, Instant time) {
        return insert(pool, topic, eventId, key, json, time);
    }

    private static Uni<Void> insert(
            SqlClient client, String topic, String eventId, String key, String json, Instant time) {
        return client.preparedQuery("insert into outbox_event (event_id, topic, message_key, payload, created_at)"
                        + " values ($1, $2, $3, $4, $5) on conflict (event_id) do nothing")
                .execute(Tuple.of(eventId, topic, key, json, time.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** A new event of this service, stamped now, naming the current actor. */
    public <P> CloudEvent event(EventType<P> type, String subject, String tenantId, P payload) {
        return CloudEvent.create(
                type, config.source(), subject, tenantId, currentActor(), clock.instant(), mapper.valueToTree(payload));
    }

    private String currentActor() {
        return actor.isResolvable() ? actor.get().current().orElse(null) : null;
    }

    String serialize(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be serialized", e);
        }
    }
}
