package io.nexidentity.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode, with two extension attributes: {@code tenantid}, the tenant the
 * event belongs to, and {@code actor}, who caused it (the {@code sub} of the caller's token; absent for the platform's
 * own actions). {@code subject} is the id of the resource the event is about. While tracing is on, {@code traceparent}
 * (the CloudEvents distributed-tracing extension, W3C Trace Context) names the span that caused the event, so its
 * consumers continue that trace however late the event reaches them. The free-form {@code tracestate} is left out: a
 * caller's vendor data has no business in the audit trail or in tenants' webhooks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String tenantid,
        String actor,
        String traceparent,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** A new event with a fresh id, stamped now; {@code traceparent} is null while tracing is off. */
    public static CloudEvent create(
            EventType<?> type,
            String source,
            String subject,
            String tenantId,
            String actor,
            Instant time,
            String traceparent,
            JsonNode data) {
        return new CloudEvent(
                SPEC_VERSION,
                UUID.randomUUID().toString(),
                source,
                type.type(),
                subject,
                time,
                JSON,
                tenantId,
                actor,
                traceparent,
                data);
    }

    /** The Kafka record key: the tenant, so that each tenant's events stay in order; the subject otherwise. */
    public String partitionKey() {
        return tenantid != null ? tenantid : subject;
    }
}
