package io.nexidentity.tenant.branding;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.tenant.branding.BrandingService.SetBranding;

@Path("/v1/tenant/branding")
@Tag(name = "Tenant")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.TENANT_READ)
public class BrandingResource {

    private final BrandingService branding;
    private final Caller caller;

    BrandingResource(BrandingService branding, Caller caller) {
        this.branding = branding;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The branding of the tenant's hosted pages, as set and as shown")
    public Uni<BrandingView> get() {
        return branding.get(caller.tenantId());
    }

    @PUT
    @Operation(
            summary = "Set the branding of the hosted pages (display name, https logo URL, primary colour with WCAG AA"
                    + " contrast, https or mailto support link); fields left out are unset")
    @PermissionsAllowed(AdminPermission.TENANT_WRITE)
    public Uni<BrandingView> set(@NotNull SetBranding request) {
        return branding.replace(caller.tenantId(), request);
    }
}
