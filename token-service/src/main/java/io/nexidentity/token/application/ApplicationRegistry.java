package io.nexidentity.token.application;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.projection.Projection;
import io.nexidentity.projection.Projections;

/**
 * Applications for the token endpoints (status, key, external-consumption policy): in memory, read through on a miss
 * at a bounded rate (the ids come from unauthenticated requests).
 */
@ApplicationScoped
public class ApplicationRegistry {

    static final int READ_THROUGHS_PER_SECOND = 50;

    private final Projection<ApplicationSnapshot> applications;

    ApplicationRegistry(
            Projections projections,
            @ConfigProperty(name = "nexid.services.application-service.url") String applicationServiceUrl) {
        this.applications = projections
                .of("applications", ApplicationSnapshot.class)
                .table("projected_application")
                .identifiedBy(application -> String.valueOf(application.applicationId()))
                .owner(applicationServiceUrl, "/internal/v1/applications/{}")
                .inMemory()
                .readThroughsPerSecond(READ_THROUGHS_PER_SECOND)
                .build();
    }

    public Uni<Optional<ApplicationSnapshot>> find(UUID applicationId) {
        return applications.find(applicationId.toString());
    }

    Projection<ApplicationSnapshot> projection() {
        return applications;
    }
}
