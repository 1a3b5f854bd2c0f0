package io.nexidentity.audit.ingest;

import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

import io.nexidentity.outbox.EventSpans;
import io.nexidentity.outbox.EventTraces;

/**
 * A span per stored batch, linked to the span that caused each of its events (their {@code traceparent}): a batch
 * holds events of many traces, so it is their link, not their child.
 */
@ApplicationScoped
class IngestionTracing {

    private final EventSpans spans;

    IngestionTracing(EventSpans spans) {
        this.spans = spans;
    }

    /** Starts the span of a batch of {@code size} events; their traceparents are read only while tracing is on. */
    Span start(int size, Stream<String> traceparents) {
        if (!spans.enabled()) {
            return Span.getInvalid();
        }
        var span = spans.builder("audit store")
                .setSpanKind(SpanKind.CONSUMER)
                .setNoParent()
                .setAttribute("nexid.audit.events", (long) size);
        traceparents.forEach(traceparent ->
                span.addLink(Span.fromContext(EventTraces.causedBy(traceparent)).getSpanContext()));
        return span.startSpan();
    }
}
