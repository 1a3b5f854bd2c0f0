package io.nexidentity.tenant.membership;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.tenant.role.RoleResource;

@Path("/v1/memberships/{id}")
@Tag(name = "Memberships")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.MEMBERS_READ)
public class MembershipResource {

    static final String ROLE = RoleResource.NAME;
    static final String PERMISSION = "^[a-z][a-z0-9_.:-]{0,63}$";

    private final MembershipService memberships;

    MembershipResource(MembershipService memberships) {
        this.memberships = memberships;
    }

    @GET
    @Operation(summary = "One membership, with its perm_ver")
    public Uni<MembershipView> get(@PathParam("id") UUID id) {
        return memberships.get(id);
    }

    @PATCH
    @Operation(summary = "Replace roles and/or permissions; any real change increments perm_ver")
    @PermissionsAllowed(AdminPermission.MEMBERS_WRITE)
    public Uni<MembershipView> change(@PathParam("id") UUID id, @Valid @NotNull ChangeMembership request) {
        return memberships.change(id, request.roles(), request.permissions());
    }

    @DELETE
    @Operation(summary = "Remove a user from an organization")
    @PermissionsAllowed(AdminPermission.MEMBERS_WRITE)
    public Uni<Response> remove(@PathParam("id") UUID id) {
        return memberships.remove(id).map(removed -> Response.noContent().build());
    }

    public record ChangeMembership(
            @Size(min = 1, max = 5) List<@NotNull @Pattern(regexp = ROLE) String> roles,
            @Size(max = 50) List<@NotNull @Pattern(regexp = PERMISSION) String> permissions) {}
}
