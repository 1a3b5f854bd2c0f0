package io.nexidentity.client.secret;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.client.client.ClientRequests.RotateSecret;
import io.nexidentity.client.secret.ClientSecretService.SecretInfo;
import io.nexidentity.runtime.security.AdminPermission;

@Path("/v1/clients/{clientId}/secrets")
@Tag(name = "Clients")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.CLIENTS_READ)
public class ClientSecretResource {

    private final ClientSecretService secrets;

    ClientSecretResource(ClientSecretService secrets) {
        this.secrets = secrets;
    }

    @POST
    @Operation(
            summary = "Rotate: generate a new secret (shown once); previous secrets stay valid for the overlap window",
            description = "previous_secret_valid_seconds: 0 ends them now; default 86400 (24 h); at most 30 days.")
    @PermissionsAllowed(AdminPermission.CLIENTS_WRITE)
    public Uni<Response> rotate(@PathParam("clientId") String clientId, @Valid RotateSecret request) {
        var overlap = request == null ? null : request.previousSecretValidSeconds();
        var lifetime = request == null ? null : request.lifetimeDays();
        return secrets.rotate(clientId, overlap, lifetime)
                .map(created -> Response.status(201)
                        .header("Cache-Control", "no-store")
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "The client's secrets: ids, ages and validity, never the secrets")
    public Uni<List<SecretInfo>> list(@PathParam("clientId") String clientId) {
        return secrets.list(clientId);
    }

    @DELETE
    @Path("/{secretId}")
    @Operation(summary = "Revoke one secret at once")
    @PermissionsAllowed(AdminPermission.CLIENTS_WRITE)
    public Uni<Response> revoke(@PathParam("clientId") String clientId, @PathParam("secretId") UUID secretId) {
        return secrets.revoke(clientId, secretId)
                .map(revoked -> Response.noContent().build());
    }
}
