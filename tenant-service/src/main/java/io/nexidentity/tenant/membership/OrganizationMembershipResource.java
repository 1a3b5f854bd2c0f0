package io.nexidentity.tenant.membership;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

/** Memberships as seen from their organization: adding members and listing them. */
@Path("/v1/organizations/{organizationId}/memberships")
@Tag(name = "Memberships")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.MEMBERS_READ)
public class OrganizationMembershipResource {

    private final MembershipService memberships;
    private final Caller caller;

    OrganizationMembershipResource(MembershipService memberships, Caller caller) {
        this.memberships = memberships;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Add a user of the tenant to an organization with roles and custom permissions")
    @PermissionsAllowed(AdminPermission.MEMBERS_WRITE)
    public Uni<Response> add(@PathParam("organizationId") UUID organizationId, @Valid @NotNull AddMembership request) {
        return memberships
                .add(
                        caller.tenantId(),
                        organizationId,
                        request.userId(),
                        request.roles(),
                        request.permissions() == null ? List.of() : request.permissions())
                .map(created -> Response.created(URI.create("/v1/memberships/" + created.membershipId()))
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "List an organization's memberships, oldest first, a page at a time")
    public Uni<Page<MembershipView>> list(
            @PathParam("organizationId") UUID organizationId,
            @QueryParam("after") UUID after,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return memberships.list(organizationId, after, limit);
    }

    public record AddMembership(
            @NotNull UUID userId,
            @NotEmpty @Size(max = 5) List<@NotNull @Pattern(regexp = MembershipResource.ROLE) String> roles,
            @Size(max = 50) List<@NotNull @Pattern(regexp = MembershipResource.PERMISSION) String> permissions) {}
}
