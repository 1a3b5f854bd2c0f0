package io.nexidentity.client.application;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.projection.ProjectionEvents;
import io.nexidentity.projection.Projections;

/** Keeps the application projection from the application lifecycle events. */
@ApplicationScoped
public class ApplicationProjectionConsumer {

    private final ProjectionEvents events;

    ApplicationProjectionConsumer(Projections projections, ApplicationDirectory directory) {
        var applications = directory.projection();
        this.events = projections
                .events("application-projection")
                .on(
                        EventType.carrying(ApplicationSnapshot.class, ApplicationEvents.ALL),
                        (event, application) -> application.applicationId() == null || application.tenantId() == null
                                ? null
                                : applications.put(application.applicationId().toString(), application, event.time()))
                .build();
    }

    @Incoming("application-projection")
    public Uni<Void> consume(String json) {
        return events.store(json);
    }
}
