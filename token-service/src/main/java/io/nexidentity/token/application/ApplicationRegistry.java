package io.nexidentity.token.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.runtime.internal.InternalApi;
import io.nexidentity.token.projection.LayeredProjection;

/** Applications for the token endpoints (status, key, external-consumption policy), read through on a miss. */
@ApplicationScoped
public class ApplicationRegistry {

    private final LayeredProjection<ApplicationSnapshot> applications;

    ApplicationRegistry(
            Pool pool,
            InternalApi internalApi,
            ObjectMapper mapper,
            @ConfigProperty(name = "nexid.services.application-service.url") String applicationServiceUrl) {
        this.applications = new LayeredProjection<>(
                pool,
                "projected_application",
                ApplicationSnapshot.class,
                mapper,
                id -> internalApi
                        .get(applicationServiceUrl, ApplicationSnapshot.class, "/internal/v1/applications/{}", id)
                        .map(found ->
                                found.filter(application -> id.equals(String.valueOf(application.applicationId())))));
    }

    public Uni<Optional<ApplicationSnapshot>> find(UUID applicationId) {
        return applications.find(applicationId.toString());
    }

    public void remember(ApplicationSnapshot application, Instant asOf) {
        applications.remember(application.applicationId().toString(), application, asOf);
    }

    public Uni<Void> store(ApplicationSnapshot application, Instant asOf) {
        return applications.store(application.applicationId().toString(), application, asOf);
    }
}
