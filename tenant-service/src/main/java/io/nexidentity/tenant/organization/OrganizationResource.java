package io.nexidentity.tenant.organization;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/organizations")
@Tag(name = "Organizations")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.ORGANIZATIONS_READ)
public class OrganizationResource {

    private final OrganizationService organizations;
    private final Caller caller;

    OrganizationResource(OrganizationService organizations, Caller caller) {
        this.organizations = organizations;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an organization in the caller's tenant")
    @PermissionsAllowed(AdminPermission.ORGANIZATIONS_WRITE)
    public Uni<Response> create(@Valid @NotNull OrganizationRequest request) {
        return organizations
                .createInTenant(caller.tenantId(), request.name().strip())
                .map(created -> Response.created(URI.create("/v1/organizations/" + created.organizationId()))
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "List the tenant's organizations, oldest first, a page at a time")
    public Uni<Page<OrganizationView>> list(
            @QueryParam("after") UUID after, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return organizations.list(caller.tenantId(), after, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One organization")
    public Uni<OrganizationView> get(@PathParam("id") UUID id) {
        return organizations.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Rename an organization")
    @PermissionsAllowed(AdminPermission.ORGANIZATIONS_WRITE)
    public Uni<OrganizationView> rename(@PathParam("id") UUID id, @Valid @NotNull OrganizationRequest request) {
        return organizations.rename(id, request.name().strip());
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend an organization: its members get no new tokens")
    @PermissionsAllowed(AdminPermission.ORGANIZATIONS_WRITE)
    public Uni<OrganizationView> suspend(@PathParam("id") UUID id) {
        return organizations.suspend(id);
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Reactivate a suspended organization")
    @PermissionsAllowed(AdminPermission.ORGANIZATIONS_WRITE)
    public Uni<OrganizationView> reactivate(@PathParam("id") UUID id) {
        return organizations.reactivate(id);
    }

    public record OrganizationRequest(
            @NotBlank @Size(max = 100) String name) {}
}
