package io.nexidentity.audit.ingest;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.outbox.EventTraces;

/**
 * A span per stored batch, linked to the span that caused each of its events (their {@code traceparent}): a batch
 * holds events of many traces, so it is their link, not their child.
 */
@ApplicationScoped
class IngestionTracing {

    private final Tracer tracer;
    private final boolean enabled;

    IngestionTracing(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    Span start(Collection<String> traceparents) {
        if (!enabled) {
            return Span.getInvalid();
        }
        var span = tracer.spanBuilder("audit store")
                .setSpanKind(SpanKind.CONSUMER)
                .setNoParent()
                .setAttribute("nexid.audit.events", (long) traceparents.size());
        for (var traceparent : traceparents) {
            span.addLink(Span.fromContext(EventTraces.causedBy(traceparent)).getSpanContext());
        }
        return span.startSpan();
    }
}
