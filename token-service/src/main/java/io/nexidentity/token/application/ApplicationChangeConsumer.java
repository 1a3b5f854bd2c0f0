package io.nexidentity.token.application;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;

/** Application lifecycle events into the database projection and this instance's memory. */
@ApplicationScoped
public class ApplicationChangeConsumer {

    private final ApplicationRegistry registry;
    private final ObjectMapper mapper;

    ApplicationChangeConsumer(ApplicationRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    @Incoming("token-applications-store")
    public Uni<Void> store(String json) throws JsonProcessingException {
        var event = mapper.readValue(json, CloudEvent.class);
        return lifecycle(event)
                ? registry.store(mapper.convertValue(event.data(), ApplicationSnapshot.class), event.time())
                : Uni.createFrom().voidItem();
    }

    @Incoming("token-applications-cache")
    public void remember(String json) throws JsonProcessingException {
        var event = mapper.readValue(json, CloudEvent.class);
        if (lifecycle(event)) {
            registry.remember(mapper.convertValue(event.data(), ApplicationSnapshot.class), event.time());
        }
    }

    private static boolean lifecycle(CloudEvent event) {
        return ApplicationEvents.ALL.stream()
                .anyMatch(type -> type.type().equals(event.type()) && type.payloadType() == ApplicationSnapshot.class);
    }
}
