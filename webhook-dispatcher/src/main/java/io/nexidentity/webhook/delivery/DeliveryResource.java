package io.nexidentity.webhook.delivery;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.webhook.delivery.DeliveryHistory.DeliveryView;

@Path("/v1/webhook-deliveries")
@Tag(name = "Webhook deliveries")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.WEBHOOKS_READ)
public class DeliveryResource {

    private final DeliveryHistory history;
    private final Caller caller;

    DeliveryResource(DeliveryHistory history, Caller caller) {
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The deliveries of one event, to every endpoint of the tenant")
    public Uni<List<DeliveryView>> ofEvent(@QueryParam("event_id") String eventId) {
        if (eventId == null) {
            throw ProblemException.invalidField("event_id", "event_id is required");
        }
        return history.ofEvent(caller.tenantId(), eventId);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One delivery with every attempt: time, URL, status code, latency, response body, error")
    public Uni<DeliveryView> one(@PathParam("id") UUID id) {
        return history.one(id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Replay one delivery: a new delivery linked to it, signed afresh")
    @PermissionsAllowed(AdminPermission.WEBHOOKS_REPLAY)
    public Uni<DeliveryView> replay(@PathParam("id") UUID id) {
        return history.replay(id);
    }
}
