package io.nexidentity.application.internal;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.application.application.ApplicationRepository;
import io.nexidentity.application.application.ApplicationView;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.runtime.problem.ProblemException;

/** Internal read API for platform services (read-through behind their application projections). */
@Path("/internal/v1/applications")
@Tag(name = "Internal")
@PermitAll
public class ApplicationDirectoryResource {

    private final ApplicationRepository applications;

    ApplicationDirectoryResource(ApplicationRepository applications) {
        this.applications = applications;
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "An application as other services need it")
    public Uni<ApplicationSnapshot> byId(@PathParam("id") UUID id) {
        return applications.findById(id).map(application -> {
            if (application == null) {
                throw ProblemException.notFound("Application", id.toString());
            }
            return ApplicationView.snapshot(application);
        });
    }

    @GET
    @Path("/by-key/{key}")
    @WithSession
    @Operation(summary = "An application by its key (the audience of its tokens)")
    public Uni<ApplicationSnapshot> byKey(@PathParam("key") String key) {
        return applications.findByKey(key).map(application -> {
            if (application == null) {
                throw ProblemException.notFound("Application", key);
            }
            return ApplicationView.snapshot(application);
        });
    }
}
