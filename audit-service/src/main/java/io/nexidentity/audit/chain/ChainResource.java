package io.nexidentity.audit.chain;

import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.audit.chain.ChainVerifier.ChainReport;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/audit-chain")
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(Caller.ADMIN_SCOPE)
public class ChainResource {

    private final ChainVerifier verifier;
    private final Caller caller;

    ChainResource(ChainVerifier verifier, Caller caller) {
        this.verifier = verifier;
        this.caller = caller;
    }

    @GET
    @Path("/verify")
    @Operation(
            summary = "Verify the tenant's hash chain over a range of chain indexes",
            description = "Reports intact, or the first break: a changed, missing or re-linked event.")
    public Uni<ChainReport> verify(
            @QueryParam("from_index") @DefaultValue("1") @Min(1) long fromIndex,
            @QueryParam("to_index") @DefaultValue("9223372036854775807") @Min(1) long toIndex) {
        return verifier.verify(caller.tenantId(), fromIndex, toIndex);
    }
}
