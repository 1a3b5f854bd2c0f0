package io.nexidentity.webhook.endpoint;

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

import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.webhook.endpoint.EndpointRequests.CreateEndpoint;
import io.nexidentity.webhook.endpoint.EndpointRequests.RotateSecret;
import io.nexidentity.webhook.endpoint.EndpointRequests.UpdateEndpoint;
import io.nexidentity.webhook.endpoint.EndpointService.RotatedSecret;

@Path("/v1/webhook-endpoints")
@Tag(name = "Webhooks")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.WEBHOOKS_READ)
public class EndpointResource {

    private final EndpointService endpoints;
    private final Caller caller;

    EndpointResource(EndpointService endpoints, Caller caller) {
        this.endpoints = endpoints;
        this.caller = caller;
    }

    @POST
    @Operation(
            summary = "Register a webhook endpoint",
            description = "https only; addresses inside the platform network are refused. The signing secret (whsec_)"
                    + " appears in this response only. Counts against the plan's webhook endpoint quota.")
    @PermissionsAllowed(AdminPermission.WEBHOOKS_WRITE)
    public Uni<Response> create(@Valid @NotNull CreateEndpoint request) {
        return endpoints
                .create(caller.tenantId(), request)
                .map(created -> Response.created(URI.create("/v1/webhook-endpoints/" + created.endpointId()))
                        .header("Cache-Control", "no-store")
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "The tenant's webhook endpoints, a page at a time")
    public Uni<Page<EndpointView>> list(
            @QueryParam("after") UUID after, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return endpoints.list(caller.tenantId(), after, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One endpoint (never its secrets)")
    public Uni<EndpointView> get(@PathParam("id") UUID id) {
        return endpoints.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(
            summary = "Change URL, subscribed event types, description or enabled",
            description = "A new subscription applies to events that happen from now on.")
    @PermissionsAllowed(AdminPermission.WEBHOOKS_WRITE)
    public Uni<EndpointView> update(@PathParam("id") UUID id, @Valid @NotNull UpdateEndpoint request) {
        return endpoints.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an endpoint and its delivery history")
    @PermissionsAllowed(AdminPermission.WEBHOOKS_WRITE)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return endpoints.delete(id).map(deleted -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/secret")
    @Operation(
            summary = "Rotate the signing secret",
            description = "The new secret is shown once; deliveries carry both signatures until the previous secret"
                    + " expires (previous_secret_valid_seconds, default 24 h).")
    @PermissionsAllowed(AdminPermission.WEBHOOKS_WRITE)
    public Uni<Response> rotate(@PathParam("id") UUID id, @Valid RotateSecret request) {
        return endpoints
                .rotate(id, request == null ? null : request.previousSecretValidSeconds())
                .map((RotatedSecret rotated) -> Response.status(201)
                        .header("Cache-Control", "no-store")
                        .entity(rotated)
                        .build());
    }
}
