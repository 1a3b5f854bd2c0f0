package io.nexidentity.tenant.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.tenant.plan.Plan;
import io.nexidentity.tenant.registration.RegisterTenant;

@Path("/v1/tenant")
@Tag(name = "Tenant")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.TENANT_READ)
public class TenantResource {

    private final TenantService tenants;
    private final Caller caller;

    TenantResource(TenantService tenants, Caller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's tenant with its plan, licence and quotas")
    public Uni<TenantView> get() {
        return tenants.get(caller.tenantId());
    }

    @PATCH
    @Operation(summary = "Rename the tenant")
    @PermissionsAllowed(AdminPermission.TENANT_WRITE)
    public Uni<TenantView> rename(@Valid @NotNull RenameTenant request) {
        return tenants.rename(caller.tenantId(), request.name().strip());
    }

    @PUT
    @Path("/plan")
    @Operation(summary = "Change plan: the active licence is superseded by a licence of the new plan")
    @PermissionsAllowed(AdminPermission.PLAN_WRITE)
    public Uni<TenantView> changePlan(@Valid @NotNull ChangePlan request) {
        var plan = Plan.fromWireName(request.plan())
                .orElseThrow(() -> ProblemException.invalidField("plan", "must be one of free, pro, enterprise"));
        return tenants.changePlan(caller.tenantId(), plan);
    }

    @DELETE
    @Path("/licence")
    @Operation(summary = "Revoke the active licence; quotas drop to zero until a plan is chosen again")
    @PermissionsAllowed(AdminPermission.PLAN_WRITE)
    public Uni<TenantView> revokeLicence(@QueryParam("reason") @Size(max = 200) String reason) {
        return tenants.revokeLicence(caller.tenantId(), reason == null ? "revoked by tenant admin" : reason);
    }

    public record RenameTenant(
            @NotBlank @Size(max = 100) @Pattern(regexp = RegisterTenant.PLAIN_TEXT, message = RegisterTenant.PLAIN_TEXT_MESSAGE) String name) {}

    public record ChangePlan(@NotBlank String plan) {}
}
