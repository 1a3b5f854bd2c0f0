package io.nexidentity.tenant.user;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import io.nexidentity.tenant.password.PasswordService;

@Path("/v1/users")
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.USERS_READ)
public class UserResource {

    /** Emails as RFC 5321 bounds them, without display names or whitespace. */
    static final String EMAIL = "^[^\\s@]{1,64}@[^\\s@]{1,253}$";

    private final UserService users;
    private final PasswordService passwords;
    private final Caller caller;

    UserResource(UserService users, PasswordService passwords, Caller caller) {
        this.users = users;
        this.passwords = passwords;
        this.caller = caller;
    }

    @POST
    @Operation(
            summary = "Create a user",
            description = "With a password the user is active; without one the user is invited and cannot sign in"
                    + " until a password is set.")
    @PermissionsAllowed(AdminPermission.USERS_WRITE)
    public Uni<Response> create(@Valid @NotNull CreateUser request) {
        var tenantId = caller.tenantId();
        Uni<String> hash = request.password() == null
                ? Uni.createFrom().nullItem()
                : passwords.hashAcceptable(request.password(), request.email(), "password");
        return hash.flatMap(passwordHash -> users.createInTenant(
                        tenantId, request.email(), request.name().strip(), passwordHash))
                .map(created -> Response.created(URI.create("/v1/users/" + created.userId()))
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "List the tenant's users, oldest first, a page at a time")
    public Uni<Page<UserView>> list(
            @QueryParam("after") UUID after, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return users.list(caller.tenantId(), after, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user")
    public Uni<UserView> get(@PathParam("id") UUID id) {
        return users.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Update a user's email or name")
    @PermissionsAllowed(AdminPermission.USERS_WRITE)
    public Uni<UserView> update(@PathParam("id") UUID id, @Valid @NotNull UpdateUser request) {
        return users.update(
                id,
                request.email(),
                request.name() == null ? null : request.name().strip());
    }

    @PUT
    @Path("/{id}/password")
    @Operation(summary = "Set a user's password (an invited user becomes active)")
    @PermissionsAllowed(AdminPermission.USERS_WRITE)
    public Uni<UserView> setPassword(@PathParam("id") UUID id, @Valid @NotNull SetPassword request) {
        return users.get(id)
                .flatMap(user -> passwords.hashAcceptable(request.password(), user.email(), "password"))
                .flatMap(hash -> users.setPassword(id, hash));
    }

    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Disable a user: no sign-in, no new tokens")
    @PermissionsAllowed(AdminPermission.USERS_WRITE)
    public Uni<UserView> disable(@PathParam("id") UUID id) {
        return users.disable(id);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable a disabled user")
    @PermissionsAllowed(AdminPermission.USERS_WRITE)
    public Uni<UserView> enable(@PathParam("id") UUID id) {
        return users.enable(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user and its memberships")
    @PermissionsAllowed(AdminPermission.USERS_WRITE)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return users.delete(id).map(deleted -> Response.noContent().build());
    }

    public record CreateUser(
            @NotBlank @Size(max = 254) @Email @Pattern(regexp = EMAIL) String email,

            @NotBlank @Size(max = 100) String name,
            String password) {}

    public record UpdateUser(
            @Size(max = 254) @Email @Pattern(regexp = EMAIL) String email,
            @Size(min = 1, max = 100) String name) {}

    public record SetPassword(@NotNull String password) {}
}
