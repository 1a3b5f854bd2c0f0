package io.nexidentity.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.EventType;

/**
 * Writes events into the outbox inside the caller's Hibernate Reactive transaction, so an event is committed exactly
 * when the state change it describes is. Call it from a method running in {@code @WithTransaction}.
 */
@ApplicationScoped
public class OutboxWriter {

    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final Clock clock;

    OutboxWriter(ObjectMapper mapper, OutboxConfig config) {
        this.mapper = mapper;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** Appends an event about {@code subject} in {@code tenantId}; returns the event as it will be published. */
    public <P> Uni<CloudEvent> append(EventType<P> type, String subject, String tenantId, P payload) {
        var event = CloudEvent.create(
                type, config.source(), subject, tenantId, clock.instant(), mapper.valueToTree(payload));
        var entry = new OutboxEntry();
        entry.eventId = event.id();
        entry.topic = type.topic().topicName();
        entry.messageKey = event.partitionKey();
        entry.payload = serialize(event);
        entry.createdAt = event.time();
        return entry.persist().replaceWith(event);
    }

    private String serialize(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be serialized", e);
        }
    }
}
