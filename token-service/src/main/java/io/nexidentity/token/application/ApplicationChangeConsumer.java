package io.nexidentity.token.application;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;

/** Application lifecycle events into the database projection and this instance's memory. */
@ApplicationScoped
public class ApplicationChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ApplicationChangeConsumer.class);

    private final ApplicationRegistry registry;
    private final ObjectMapper mapper;

    ApplicationChangeConsumer(ApplicationRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    @Incoming("token-applications-store")
    public Uni<Void> store(String json) {
        var change = change(json);
        return change == null ? Uni.createFrom().voidItem() : registry.store(change.application(), change.asOf());
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
        try {
            var event = mapper.readValue(json, CloudEvent.class);
            if (!lifecycle(event)) {
                return null;
            }
            var application = mapper.convertValue(event.data(), ApplicationSnapshot.class);
            if (application.applicationId() == null || application.status() == null) {
                throw new IllegalArgumentException("event " + event.id() + " carries no application snapshot");
            }
            return new Change(application, event.time());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("skipping an event the application projection cannot apply: %s", e.toString());
            return null;
        }
    }

    private static boolean lifecycle(CloudEvent event) {
        return ApplicationEvents.ALL.stream()
                .anyMatch(type -> type.type().equals(event.type()) && type.payloadType() == ApplicationSnapshot.class);
    }

    private record Change(ApplicationSnapshot application, Instant asOf) {}
}
