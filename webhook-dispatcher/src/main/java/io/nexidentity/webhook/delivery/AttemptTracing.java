package io.nexidentity.webhook.delivery;

import java.io.IOException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

import io.nexidentity.events.EventHeader;
import io.nexidentity.outbox.EventSpans;
import io.nexidentity.outbox.EventTraces;

/**
 * A span per delivery attempt, a child of the span that caused the event (its {@code traceparent}), so one sign-in is
 * followed from the token endpoint to every webhook attempt it led to, however late. Nothing is read while tracing is
 * off.
 */
@ApplicationScoped
class AttemptTracing {

    private final EventSpans spans;

    AttemptTracing(EventSpans spans) {
        this.spans = spans;
    }

    /** Starts the span of one attempt to deliver {@code payload} (the event as stored). */
    Span start(UUID deliveryId, String payload) {
        if (!spans.enabled()) {
            return Span.getInvalid();
        }
        var span = spans.builder("webhook attempt")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("nexid.webhook.delivery_id", deliveryId.toString());
        try {
            var event = EventHeader.read(payload);
            span.setAttribute("cloudevents.event_id", event.id()).setAttribute("cloudevents.event_type", event.type());
            span.setParent(EventTraces.causedBy(event.traceparent()));
        } catch (IOException | RuntimeException e) {
            span.setParent(Context.root()); // an event that cannot be read carries no trace to continue
        }
        return span.startSpan();
    }

    static void answered(Span span, int status) {
        span.setAttribute("http.response.status_code", status);
        if (status < 200 || status >= 300) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
        span.end();
    }
}
