package io.nexidentity.audit.chain;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.audit.chain.ChainHeadSigner.SignedHead;
import io.nexidentity.audit.chain.ChainVerifier.ChainReport;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/audit-chain")
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.AUDIT_READ)
public class ChainResource {

    private final ChainVerifier verifier;
    private final ChainHeadSigner heads;
    private final Caller caller;

    ChainResource(ChainVerifier verifier, ChainHeadSigner heads, Caller caller) {
        this.verifier = verifier;
        this.heads = heads;
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

    @GET
    @Path("/heads")
    @Operation(
            summary = "The tenant's signed chain heads, newest first",
            description = "Each is a compact JWS (EdDSA, the audit key) of the tenant, chain index, hash and time. Keep"
                    + " them outside the platform: a kept head proves later that nothing up to it was rewritten.")
    public Uni<List<SignedHead>> heads(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(500) int limit) {
        return heads.heads(caller.tenantId(), limit);
    }

    @GET
    @Path("/signing-key")
    @PermitAll
    @Operation(summary = "The public key chain heads are signed with (JWK set)")
    public Map<String, Object> signingKey() {
        return heads.jwks();
    }

    @POST
    @Path("/verify-head")
    @Operation(
            summary = "Check a signed chain head kept earlier against the store",
            description = "Holds when the head is signed with the audit key, about this tenant, and the stored event at"
                    + " its index still has its hash; otherwise says what does not.")
    public Uni<HeadCheck> verifyHead(@Valid @NotNull SignedHeadRequest request) {
        return heads.check(caller.tenantId(), request.jws())
                .map(problem -> new HeadCheck(problem.isEmpty(), problem.orElse(null)));
    }

    public record SignedHeadRequest(
            @NotBlank @Size(max = 4096) String jws) {}

    public record HeadCheck(boolean holds, String reason) {}
}
