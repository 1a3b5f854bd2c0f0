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

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.EventType;

/**
 * Writes events into the outbox in the transaction of the state change they describe ({@link OutboxTransaction}), so
 * an event is committed exactly when that change is.
 */
@ApplicationScoped
public class OutboxWriter {

    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final Instance<EventActor> actor;
    private final Pool pool;
    private final Clock clock;

    OutboxWriter(ObjectMapper mapper, OutboxConfig config, Instance<EventActor> actor, Pool pool, Clock clock) {
        this.mapper = mapper;
        this.config = config;
        this.actor = actor;
        this.pool = pool;
        this.clock = clock;
    }

    /** Appends an event about {@code subject} in {@code tenantId}; returns the event as it will be published. */
    public <P> Uni<CloudEvent> append(
            OutboxTransaction transaction, EventType<P> type, String subject, String tenantId, P payload) {
        var event = event(type, subject, tenantId, payload);
        return transaction
                .insert(
                        event.id(),
                        type.topic().topicName(),
                        event.partitionKey(),
                        serialize(event),
                        event.time().atOffset(ZoneOffset.UTC))
                .replaceWith(event);
    }

    /** Appends an event in the caller's Hibernate Reactive transaction ({@link OutboxTransaction#current}). */
    public <P> Uni<CloudEvent> append(EventType<P> type, String subject, String tenantId, P payload) {
        return append(OutboxTransaction.current(), type, subject, tenantId, payload);
    }

    /**
     * Appends an event in a transaction of its own, committed when the returned Uni completes: for facts that must be
     * kept even when the request that caused them fails (a refused attempt, say).
     */
    public <P> Uni<CloudEvent> appendCommitted(EventType<P> type, String subject, String tenantId, P payload) {
        return append(OutboxTransaction.on(pool), type, subject, tenantId, payload);
    }

    /** Stores an already serialized event in a transaction of its own (the spill path of hot-path events). */
    Uni<Void> appendCommitted(String topic, String eventId, String key, String json, Instant time) {
        return OutboxTransaction.on(pool).insert(eventId, topic, key, json, time.atOffset(ZoneOffset.UTC));
    }

    /** A new event of this service, stamped now, naming the current actor and, while tracing, the current span. */
    public <P> CloudEvent event(EventType<P> type, String subject, String tenantId, P payload) {
        return CloudEvent.create(
                type,
                config.source(),
                subject,
                tenantId,
                currentActor(),
                clock.instant(),
                EventTraces.current(),
                mapper.valueToTree(payload));
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
