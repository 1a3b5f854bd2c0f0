package io.nexidentity.token.application;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.outbox.IncomingEvents;

/** Application lifecycle events into the database projection and this instance's memory. */
@ApplicationScoped
public class ApplicationChangeConsumer {

    private static final String CONSUMER = "application-projection";

    private final ApplicationRegistry registry;
    private final ObjectMapper mapper;
    private final ConsumerGuard guard;

    ApplicationChangeConsumer(ApplicationRegistry registry, ObjectMapper mapper, ConsumerGuard guard) {
        this.registry = registry;
        this.mapper = mapper;
        this.guard = guard;
    }

    @Incoming("token-applications-store")
    public Uni<Void> store(String json) {
        return guard.apply(CONSUMER, json, record -> {
            var change = change(record);
            return change == null ? Uni.createFrom().voidItem() : registry.store(change.application(), change.asOf());
        });
    }

    @Incoming("token-applications-cache")
    public void remember(String json) {
        var change = change(json);
        if (change != null) {
            registry.remember(change.application(), change.asOf());
        }
    }

    /** The snapshot a lifecycle event carries; null for other events and for ones that cannot be applied (skipped). */
    private Change change(String json) {
        var event = IncomingEvents.read(mapper, json, CONSUMER).orElse(null);
        if (event == null || !lifecycle(event)) {
            return null;
        }
        return IncomingEvents.payload(
                        mapper,
                        event,
                        ApplicationSnapshot.class,
                        snapshot -> snapshot.applicationId() != null && snapshot.status() != null,
                        CONSUMER)
                .map(application -> new Change(application, event.time()))
                .orElse(null);
    }

    private static boolean lifecycle(CloudEvent event) {
        return ApplicationEvents.ALL.stream()
                .anyMatch(type -> type.type().equals(event.type()) && type.payloadType() == ApplicationSnapshot.class);
    }

    private record Change(ApplicationSnapshot application, Instant asOf) {}
}
