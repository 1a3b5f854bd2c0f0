package io.nexidentity.projection;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;

import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.runtime.internal.InternalApi;

/** Where a service declares its projections and the events that change them. */
@ApplicationScoped
public class Projections {

    private final Pool pool;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ConsumerGuard guard;
    private final InternalApi internalApi;

    Projections(
            Pool pool,
            ObjectMapper mapper,
            Clock clock,
            MeterRegistry registry,
            ConsumerGuard guard,
            InternalApi internalApi) {
        this.pool = pool;
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
        this.guard = guard;
        this.internalApi = internalApi;
    }

    /** A projection of records of {@code type}; {@code name} labels its metrics. */
    public <T> Projection.Declaration<T> of(String name, Class<T> type) {
        return new Projection.Declaration<>(this, name, type);
    }

    /** The events one consumer ({@code consumer}: its name in logs, dead letters and metrics) applies. */
    public ProjectionEvents.Declaration events(String consumer) {
        return new ProjectionEvents.Declaration(consumer, mapper, guard, registry);
    }

    InternalApi internalApi() {
        return internalApi;
    }

    <T> Projection<T> build(Projection.Declaration<T> declaration) {
        return new Projection<>(declaration, pool, mapper, clock, registry);
    }
}
