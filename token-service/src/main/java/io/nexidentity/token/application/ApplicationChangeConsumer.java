package io.nexidentity.token.application;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.projection.ProjectionEvents;
import io.nexidentity.projection.Projections;

/** Application lifecycle events into the database projection and this instance's memory. */
@ApplicationScoped
public class ApplicationChangeConsumer {

    private final ProjectionEvents events;

    ApplicationChangeConsumer(Projections projections, ApplicationRegistry registry) {
        var applications = registry.projection();
        this.events = projections
                .events("application-projection")
                .on(
                        EventType.carrying(ApplicationSnapshot.class, ApplicationEvents.ALL),
                        (event, application) -> application.applicationId() == null || application.status() == null
                                ? null
                                : applications.put(application.applicationId().toString(), application, event.time()))
                .build();
    }

    @Incoming("token-applications-store")
    public Uni<Void> store(String json) {
        return events.store(json);
    }

    @Incoming("token-applications-cache")
    public void remember(String json) {
        events.remember(json);
    }
}
