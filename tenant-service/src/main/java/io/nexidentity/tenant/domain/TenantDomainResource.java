package io.nexidentity.tenant.domain;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/tenant/domains")
@Tag(name = "Tenant")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.TENANT_READ)
public class TenantDomainResource {

    private final TenantDomainService domains;
    private final Caller caller;

    TenantDomainResource(TenantDomainService domains, Caller caller) {
        this.domains = domains;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The tenant's custom domains")
    public Uni<List<DomainView>> list() {
        return domains.list(caller.tenantId());
    }

    @POST
    @Operation(
            summary = "Claim a custom domain",
            description = "Pending until verified: publish the TXT record in the answer, then verify. The tenant's"
                    + " issuer https://{domain} is served on the domain once verified.")
    @PermissionsAllowed(AdminPermission.TENANT_WRITE)
    public Uni<Response> claim(@NotNull ClaimDomain request) {
        return domains.claim(caller.tenantId(), request.domain())
                .map(view -> Response.status(201).entity(view).build());
    }

    @POST
    @Path("/{domain}/verify")
    @Operation(summary = "Prove the domain with its DNS TXT record; refused when another tenant proved it first")
    @PermissionsAllowed(AdminPermission.TENANT_WRITE)
    public Uni<DomainView> verify(@PathParam("domain") String domain) {
        return domains.verify(caller.tenantId(), domain);
    }

    @DELETE
    @Path("/{domain}")
    @Operation(summary = "Give a custom domain up")
    @PermissionsAllowed(AdminPermission.TENANT_WRITE)
    public Uni<Response> remove(@PathParam("domain") String domain) {
        return domains.remove(caller.tenantId(), domain)
                .map(done -> Response.noContent().build());
    }

    /** The request of {@code POST /v1/tenant/domains}. */
    public record ClaimDomain(@NotNull String domain) {}
}
