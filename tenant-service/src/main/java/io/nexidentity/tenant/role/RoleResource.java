package io.nexidentity.tenant.role;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.security.AdminPermission;

@Path("/v1/roles")
@Tag(name = "Roles")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.MEMBERS_READ)
public class RoleResource {

    /** A role's name: the built-in ones, and those a tenant defines. */
    public static final String NAME = "^[a-z][a-z0-9_-]{0,39}$";

    private final RoleService roles;

    RoleResource(RoleService roles) {
        this.roles = roles;
    }

    @GET
    @Operation(summary = "The built-in roles and the tenant's own, with the permissions each grants")
    public Uni<List<RoleView>> list() {
        return roles.list();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One role")
    public Uni<RoleView> get(@PathParam("name") @Pattern(regexp = NAME) String name) {
        return roles.get(name);
    }

    @PUT
    @Path("/{name}")
    @Operation(
            summary = "Define a role of the tenant, or change one",
            description = "Its permissions must all be held by the caller. Changing them makes every membership"
                    + " holding the role count anew (a new perm_ver: tokens issued before hold nothing).")
    @PermissionsAllowed(AdminPermission.MEMBERS_WRITE)
    public Uni<RoleView> define(
            @PathParam("name") @Pattern(regexp = NAME) String name, @Valid @NotNull DefineRole request) {
        return roles.define(name, request.description(), request.permissions());
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a role of the tenant that no membership holds")
    @PermissionsAllowed(AdminPermission.MEMBERS_WRITE)
    public Uni<Response> delete(@PathParam("name") @Pattern(regexp = NAME) String name) {
        return roles.delete(name).map(deleted -> Response.noContent().build());
    }

    public record DefineRole(
            @Size(max = 200) String description,
            @NotNull @Size(max = 30) List<@NotNull @Size(max = 100) String> permissions) {}
}
