package io.nexidentity.tenant.recovery;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.events.tenant.Directory.RecoveryCompletion;
import io.nexidentity.events.tenant.Directory.RecoveryLink;
import io.nexidentity.events.tenant.Directory.RecoveryRequest;
import io.nexidentity.events.tenant.Directory.RecoveryTicket;

/**
 * Password recovery for the token-service's hosted pages (internal: platform credential only). The answer to a
 * request never tells whether the account exists.
 */
@Path("/internal/v1")
@Tag(name = "Internal")
@PermitAll
public class PasswordRecoveryResource {

    private final PasswordRecoveryService recoveries;

    PasswordRecoveryResource(PasswordRecoveryService recoveries) {
        this.recoveries = recoveries;
    }

    @POST
    @Path("/tenants/{tenantId}/password-recoveries")
    @Operation(summary = "Send a recovery link if the account exists and is active (always 202)")
    public Uni<Response> request(@PathParam("tenantId") UUID tenantId, @NotNull RecoveryRequest request) {
        return recoveries
                .request(tenantId, request)
                .replaceWith(Response.accepted().build());
    }

    @POST
    @Path("/password-recoveries/inspections")
    @Operation(summary = "Whose a recovery link is, while it can be used")
    public Uni<RecoveryTicket> inspect(@NotNull RecoveryLink link) {
        return recoveries.inspect(link.token());
    }

    @POST
    @Path("/password-recoveries/completions")
    @Operation(summary = "Use a recovery link: set the new password, once")
    public Uni<RecoveryTicket> complete(@NotNull RecoveryCompletion completion) {
        return recoveries.complete(completion);
    }
}
