package io.nexidentity.client.application;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.projection.Projection;
import io.nexidentity.projection.Projections;

/**
 * Applications as the application-service publishes them, projected from {@code nexid.application.v1} and read through
 * from the application-service on a miss (an application created a moment ago).
 */
@ApplicationScoped
public class ApplicationDirectory {

    private final Projection<ApplicationSnapshot> applications;

    ApplicationDirectory(
            Projections projections,
            @ConfigProperty(name = "nexid.services.application-service.url") String applicationServiceUrl) {
        this.applications = projections
                .of("applications", ApplicationSnapshot.class)
                .table("projected_application")
                .identifiedBy(application -> String.valueOf(application.applicationId()))
                .owner(applicationServiceUrl, "/internal/v1/applications/{}")
                .build();
    }

    public Uni<Optional<ApplicationSnapshot>> find(UUID applicationId) {
        return applications.find(applicationId.toString());
    }

    Projection<ApplicationSnapshot> projection() {
        return applications;
    }
}
