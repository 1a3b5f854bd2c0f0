package io.nexidentity.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Spans of the consumers that continue events' traces ({@link EventTraces}): built only while tracing is on, so that
 * with tracing off no consumer reads events for their {@code traceparent}.
 */
@ApplicationScoped
public class EventSpans {

    private final Tracer tracer;
    private final boolean enabled;

    EventSpans(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public SpanBuilder builder(String name) {
        return tracer.spanBuilder(name);
    }
}
