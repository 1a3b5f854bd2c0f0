package io.nexidentity.client.client;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
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

import io.nexidentity.client.client.ClientRequests.CreateClient;
import io.nexidentity.client.client.ClientRequests.UpdateClient;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/clients")
@Tag(name = "Clients")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.CLIENTS_READ)
public class ClientResource {

    private final ClientService clients;
    private final Caller caller;

    ClientResource(ClientService clients, Caller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @POST
    @Operation(
            summary = "Provision a client of an application",
            description = "Profiles: interactive_web (authorization code + PKCE), automation (client credentials),"
                    + " manifest_publisher. A generated secret appears in this response only.")
    @PermissionsAllowed(AdminPermission.CLIENTS_WRITE)
    public Uni<Response> create(@Valid @NotNull CreateClient request) {
        return clients.create(caller.tenantId(), request)
                .map(created -> Response.created(URI.create("/v1/clients/" + created.clientId()))
                        .header("Cache-Control", "no-store")
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "List the tenant's clients (optionally of one application), a page at a time")
    public Uni<Page<ClientView>> list(
            @QueryParam("application_id") UUID applicationId,
            @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return clients.list(caller.tenantId(), applicationId, after, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One client (never its secrets)")
    public Uni<ClientView> get(@PathParam("id") String id) {
        return clients.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change name, redirect URIs, scopes, authentication method, key material or token algorithm")
    @PermissionsAllowed(AdminPermission.CLIENTS_WRITE)
    public Uni<ClientView> update(@PathParam("id") String id, @Valid @NotNull UpdateClient request) {
        return clients.update(id, request);
    }

    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Disable: the client gets no tokens")
    @PermissionsAllowed(AdminPermission.CLIENTS_WRITE)
    public Uni<ClientView> disable(@PathParam("id") String id) {
        return clients.disable(id);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable a disabled client")
    @PermissionsAllowed(AdminPermission.CLIENTS_WRITE)
    public Uni<ClientView> enable(@PathParam("id") String id) {
        return clients.enable(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a client and its secrets")
    @PermissionsAllowed(AdminPermission.CLIENTS_WRITE)
    public Uni<Response> delete(@PathParam("id") String id) {
        return clients.delete(id).map(deleted -> Response.noContent().build());
    }
}
