package io.nexidentity.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Events and traces (the CloudEvents distributed-tracing extension): an event carries the W3C {@code traceparent} of
 * the span it was caused in, and whoever consumes it later continues that trace from it.
 */
public final class EventTraces {

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of("traceparent");
        }

        @Override
        public String get(String traceparent, String key) {
            return "traceparent".equals(key) ? traceparent : null;
        }
    };

    private EventTraces() {}

    /** The {@code traceparent} of the current span, or null when there is none (tracing off, or outside a request). */
    static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        var carrier = new HashMap<String, String>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /** The context an event's {@code traceparent} names, to start its consumer's span in; the root when none. */
    public static Context causedBy(String traceparent) {
        return traceparent == null
                ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }
}
