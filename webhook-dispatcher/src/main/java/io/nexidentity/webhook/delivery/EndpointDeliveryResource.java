package io.nexidentity.webhook.delivery;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
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

import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.problem.RequestTimes;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.webhook.delivery.DeliveryHistory.DeliveryView;

/** An endpoint's delivery history and replays. */
@Path("/v1/webhook-endpoints/{endpointId}")
@Tag(name = "Webhook deliveries")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.WEBHOOKS_READ)
public class EndpointDeliveryResource {

    private final DeliveryHistory history;

    EndpointDeliveryResource(DeliveryHistory history) {
        this.history = history;
    }

    @GET
    @Path("/deliveries")
    @Operation(
            summary = "An endpoint's deliveries, newest first; ?status=failed for the failed ones, from/to (RFC 3339)")
    public Uni<Page<DeliveryView>> ofEndpoint(
            @PathParam("endpointId") UUID endpointId,
            @QueryParam("status") String status,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") UUID cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        if (status != null && !"failed".equals(status)) {
            throw ProblemException.invalidField("status", "status can only be failed");
        }
        return history.ofEndpoint(
                endpointId,
                status != null,
                RequestTimes.parse("from", from),
                RequestTimes.parse("to", to),
                cursor,
                limit);
    }

    @POST
    @Path("/replay")
    @Operation(
            summary = "Replay an endpoint's deliveries",
            description = "failed_only=true (default): every failed delivery since `from`; failed_only=false: every"
                    + " delivery in [from, to), e.g. after the receiver lost data.")
    @PermissionsAllowed(AdminPermission.WEBHOOKS_REPLAY)
    public Uni<Map<String, Integer>> replayEndpoint(
            @PathParam("endpointId") UUID endpointId, @Valid @NotNull ReplayRequest request) {
        var from = RequestTimes.parse("from", request.from());
        if (from == null) {
            throw ProblemException.invalidField("from", "from is required");
        }
        return history.replayEndpoint(
                        endpointId,
                        from,
                        RequestTimes.parse("to", request.to()),
                        request.failedOnly() == null || request.failedOnly())
                .map(count -> Map.of("replayed", count));
    }

    public record ReplayRequest(String from, String to, Boolean failedOnly) {}
}
