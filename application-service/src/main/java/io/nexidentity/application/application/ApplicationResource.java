package io.nexidentity.application.application;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.application.application.ApplicationRequests.CreateApplication;
import io.nexidentity.application.application.ApplicationRequests.UpdateApplication;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/applications")
@Tag(name = "Applications")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.APPLICATIONS_READ)
public class ApplicationResource {

    private final ApplicationService applications;
    private final Caller caller;

    ApplicationResource(ApplicationService applications, Caller caller) {
        this.applications = applications;
        this.caller = caller;
    }

    @POST
    @Operation(
            summary = "Register an application under an organization",
            description = "Assigns the immutable application key (the audience of its access tokens). Counts against"
                    + " the plan's application quota; over quota the answer is 409 quota-exceeded.")
    @PermissionsAllowed(AdminPermission.APPLICATIONS_WRITE)
    public Uni<Response> create(@Valid @NotNull CreateApplication request) {
        return applications
                .create(caller.tenantId(), request)
                .map(created -> Response.created(URI.create("/v1/applications/" + created.applicationId()))
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "List the tenant's applications (optionally of one organization), a page at a time")
    public Uni<Page<ApplicationView>> list(
            @QueryParam("organization_id") UUID organizationId,
            @QueryParam("after") UUID after,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return applications.list(caller.tenantId(), organizationId, after, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One application")
    public Uni<ApplicationView> get(@PathParam("id") UUID id) {
        return applications.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change name, description, external-consumption policy or API scopes (never the key)")
    @PermissionsAllowed(AdminPermission.APPLICATIONS_WRITE)
    public Uni<ApplicationView> update(@PathParam("id") UUID id, @Valid @NotNull UpdateApplication request) {
        return applications.update(id, request);
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend: no new tokens for the application")
    @PermissionsAllowed(AdminPermission.APPLICATIONS_WRITE)
    public Uni<ApplicationView> suspend(@PathParam("id") UUID id) {
        return applications.suspend(id);
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Reactivate a suspended application")
    @PermissionsAllowed(AdminPermission.APPLICATIONS_WRITE)
    public Uni<ApplicationView> reactivate(@PathParam("id") UUID id) {
        return applications.reactivate(id);
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive for good; frees its place in the quota")
    @PermissionsAllowed(AdminPermission.APPLICATIONS_WRITE)
    public Uni<ApplicationView> archive(@PathParam("id") UUID id) {
        return applications.archive(id);
    }
}
