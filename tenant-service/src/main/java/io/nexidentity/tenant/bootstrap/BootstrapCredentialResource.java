package io.nexidentity.tenant.bootstrap;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.tenant.organization.OrganizationService;
import io.nexidentity.tenant.tenant.TenantService;

@Path("/v1/tenant/bootstrap-credential")
@Tag(name = "Tenant")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.CREDENTIALS_WRITE)
public class BootstrapCredentialResource {

    private final BootstrapCredentialService credentials;
    private final OrganizationService organizations;
    private final TenantService tenants;
    private final Caller caller;

    BootstrapCredentialResource(
            BootstrapCredentialService credentials,
            OrganizationService organizations,
            TenantService tenants,
            Caller caller) {
        this.credentials = credentials;
        this.organizations = organizations;
        this.tenants = tenants;
        this.caller = caller;
    }

    @POST
    @Operation(
            summary = "Rotate the bootstrap admin client",
            description =
                    "Revokes the active bootstrap client and issues a new one, valid for 24 hours (nexid.bootstrap-credential.validity); its secret is"
                            + " shown in this response only.")
    public Uni<Response> rotate() {
        var tenantId = caller.tenantId();
        return tenants.get(tenantId)
                .flatMap(tenant -> organizations
                        .firstOf(tenantId)
                        .flatMap(organization -> credentials.rotate(tenantId, tenant.slug(), organization)))
                .map(issued -> Response.status(201)
                        .header("Cache-Control", "no-store")
                        .entity(issued)
                        .build());
    }

    @DELETE
    @Operation(summary = "Revoke the bootstrap admin client")
    public Uni<Response> revoke() {
        return credentials
                .revoke(caller.tenantId())
                .map(count -> Response.noContent().build());
    }
}
