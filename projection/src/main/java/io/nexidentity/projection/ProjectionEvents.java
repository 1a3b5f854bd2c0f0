package io.nexidentity.projection;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.EventType;
import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.outbox.IncomingEvents;

/**
 * The consumer skeleton of projections: each record of a topic is read as a CloudEvent, the declared event types are
 * turned into {@link Projection.Change changes}, and a change is stored (under the {@link ConsumerGuard}: no record
 * stops the channel) or remembered in this instance's memory. An event a projection cannot use (not a CloudEvent, no
 * time, a payload that does not read or lacks what the declaration needs) is skipped, logged and counted. Changes are
 * whole facts guarded by {@code as_of}, so an event applied twice changes nothing: no processed-event ledger.
 */
public final class ProjectionEvents {

    private static final Logger LOG = Logger.getLogger(ProjectionEvents.class);

    private final String consumer;
    private final ObjectMapper mapper;
    private final ConsumerGuard guard;
    private final Map<String, Decoder<?>> decoders;
    private final Counter applied;
    private final Counter skipped;

    private ProjectionEvents(Declaration declaration) {
        this.consumer = declaration.consumer;
        this.mapper = declaration.mapper;
        this.guard = declaration.guard;
        this.decoders = Map.copyOf(declaration.decoders);
        this.applied = counter(declaration.registry, consumer, "applied");
        this.skipped = counter(declaration.registry, consumer, "skipped");
    }

    /** Applies a record to the service's tables: the durable consumer group's work. */
    public Uni<Void> store(String json) {
        return guard.apply(
                consumer,
                json,
                record -> change(record)
                        .map(change -> change.store().invoke(() -> applied.increment()))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /**
     * Applies a record to this instance's memory: the work of a consumer group of the instance's own, which nothing may
     * stop (the next change, a client disabled, must still arrive).
     */
    public void remember(String json) {
        try {
            change(json).ifPresent(Projection.Change::remember);
        } catch (RuntimeException e) {
            LOG.warnf("%s skips a record it cannot apply to memory: %s", consumer, e.toString());
            skipped.increment();
        }
    }

    private Optional<Projection.Change> change(String json) {
        var event = IncomingEvents.read(mapper, json, consumer).orElse(null);
        if (event == null) {
            skipped.increment();
            return Optional.empty();
        }
        var decoder = decoders.get(event.type());
        if (decoder == null) {
            return Optional.empty();
        }
        if (event.time() == null) {
            LOG.warnf("%s skips event %s (%s): no time", consumer, event.id(), event.type());
            skipped.increment();
            return Optional.empty();
        }
        var change = decoder.decode(mapper, event, consumer);
        if (change.isEmpty()) {
            skipped.increment();
        }
        return change;
    }

    private static Counter counter(MeterRegistry registry, String consumer, String outcome) {
        return Counter.builder("nexid.projection.events")
                .description("Events a projection consumer applied or skipped as unusable")
                .tag("consumer", consumer)
                .tag("outcome", outcome)
                .register(registry);
    }

    /**
     * The change an event of one type makes; {@code change} answers null when the payload lacks what it needs, and may
     * throw {@link IllegalArgumentException} for a value that does not parse (an id that is no UUID): both skip it.
     */
    private record Decoder<P>(EventType<P> type, BiFunction<CloudEvent, P, Projection.Change> change) {

        Optional<Projection.Change> decode(ObjectMapper mapper, CloudEvent event, String consumer) {
            var payload = IncomingEvents.payload(mapper, event, type.payloadType(), read -> true, consumer);
            if (payload.isEmpty()) {
                return Optional.empty();
            }
            try {
                var decoded = Optional.ofNullable(change.apply(event, payload.get()));
                if (decoded.isEmpty()) {
                    LOG.warnf("%s skips event %s (%s): incomplete payload", consumer, event.id(), event.type());
                }
                return decoded;
            } catch (RuntimeException e) {
                LOG.warnf("%s skips event %s (%s): %s", consumer, event.id(), event.type(), e.toString());
                return Optional.empty();
            }
        }
    }

    /** The event types a consumer applies, each with the change it makes. */
    public static final class Declaration {
        private final String consumer;
        private final ObjectMapper mapper;
        private final ConsumerGuard guard;
        private final MeterRegistry registry;
        private final Map<String, Decoder<?>> decoders = new HashMap<>();

        Declaration(String consumer, ObjectMapper mapper, ConsumerGuard guard, MeterRegistry registry) {
            this.consumer = consumer;
            this.mapper = mapper;
            this.guard = guard;
            this.registry = registry;
        }

        public <P> Declaration on(EventType<P> type, BiFunction<CloudEvent, P, Projection.Change> change) {
            if (decoders.putIfAbsent(type.type(), new Decoder<>(type, change)) != null) {
                throw new IllegalArgumentException(type.type() + " is declared twice for " + consumer);
            }
            return this;
        }

        public <P> Declaration on(Iterable<EventType<P>> types, BiFunction<CloudEvent, P, Projection.Change> change) {
            types.forEach(type -> on(type, change));
            return this;
        }

        public ProjectionEvents build() {
            return new ProjectionEvents(this);
        }
    }
}
