package io.nexidentity.tenant.signing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.events.tenant.TenantEvents.SigningChanged;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/tenant/signing")
@Tag(name = "Tenant")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.TENANT_READ)
public class SigningResource {

    private final SigningService signing;
    private final Caller caller;

    SigningResource(SigningService signing, Caller caller) {
        this.signing = signing;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The JWS algorithm the tenant's access tokens are signed with")
    public Uni<SigningChanged> get() {
        return signing.get(caller.tenantId());
    }

    @PUT
    @Operation(
            summary = "Choose the JWS algorithm of the tenant's access tokens: RS256 (default), ES256, PS256 or EdDSA."
                    + " A key of an algorithm the issuer has not published yet is published first and signs once"
                    + " relying parties' key caches know it (docs/api.md)")
    @PermissionsAllowed(AdminPermission.TENANT_WRITE)
    public Uni<SigningChanged> set(@Valid @NotNull SetSigning request) {
        return signing.set(caller.tenantId(), request.accessTokenSigningAlg());
    }

    public record SetSigning(@NotBlank String accessTokenSigningAlg) {}
}
