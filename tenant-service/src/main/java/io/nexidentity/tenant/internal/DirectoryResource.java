package io.nexidentity.tenant.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.events.tenant.Directory.BootstrapCredentialRecord;
import io.nexidentity.events.tenant.Directory.PageBranding;
import io.nexidentity.events.tenant.Directory.PasswordVerification;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.TenantEvents.MembershipChanged;
import io.nexidentity.events.tenant.TenantEvents.SigningChanged;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.runtime.issuer.TenantIssuerUrls;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.bootstrap.BootstrapCredentialService;
import io.nexidentity.tenant.branding.BrandingService;
import io.nexidentity.tenant.domain.TenantDomainService;
import io.nexidentity.tenant.membership.MembershipService;
import io.nexidentity.tenant.organization.OrganizationService;
import io.nexidentity.tenant.signing.SigningService;
import io.nexidentity.tenant.tenant.TenantService;
import io.nexidentity.tenant.tenant.TenantView;

/**
 * The internal read API for platform services (the token-service above all): the read-through fallback behind its
 * projections and the password check of sign-in. Only callers with the platform credential get past
 * {@code PlatformCredentialFilter}.
 */
@Path("/internal/v1")
@Tag(name = "Internal")
@PermitAll
public class DirectoryResource {

    private final TenantService tenants;
    private final OrganizationService organizations;
    private final DirectoryService directory;
    private final BootstrapCredentialService bootstrapCredentials;
    private final BrandingService branding;
    private final SigningService signing;
    private final MembershipService memberships;
    private final TenantDomainService domains;

    DirectoryResource(
            TenantService tenants,
            OrganizationService organizations,
            DirectoryService directory,
            BootstrapCredentialService bootstrapCredentials,
            BrandingService branding,
            SigningService signing,
            MembershipService memberships,
            TenantDomainService domains) {
        this.tenants = tenants;
        this.organizations = organizations;
        this.directory = directory;
        this.bootstrapCredentials = bootstrapCredentials;
        this.branding = branding;
        this.signing = signing;
        this.memberships = memberships;
        this.domains = domains;
    }

    @GET
    @Path("/tenants/{tenantId}/branding")
    @Operation(summary = "How the hosted pages present the tenant")
    public Uni<PageBranding> branding(@PathParam("tenantId") UUID tenantId) {
        return branding.forPages(tenantId);
    }

    @GET
    @Path("/memberships/{membershipId}")
    @Operation(summary = "A membership with its roles and perm_ver, as events carry it")
    public Uni<MembershipChanged> membership(@PathParam("membershipId") UUID membershipId) {
        return memberships.snapshot(membershipId);
    }

    @GET
    @Path("/tenants/{tenantId}/signing")
    @Operation(summary = "How the tenant's tokens are signed")
    public Uni<SigningChanged> signing(@PathParam("tenantId") UUID tenantId) {
        return signing.get(tenantId);
    }

    @GET
    @Path("/tenants/{tenantId}")
    @Operation(summary = "A tenant with its plan, licence status and quotas")
    public Uni<TenantSnapshot> tenant(@PathParam("tenantId") UUID tenantId) {
        return tenants.get(tenantId).map(DirectoryResource::snapshot);
    }

    @GET
    @Path("/tenant-slugs/{slug}")
    @Operation(summary = "The tenant whose issuer is at this slug")
    public Uni<TenantSnapshot> tenantAt(@PathParam("slug") String slug) {
        if (!TenantIssuerUrls.validSlug(slug)) {
            throw ProblemException.notFound("Tenant", "at this slug");
        }
        return tenants.bySlug(slug).map(DirectoryResource::snapshot);
    }

    @GET
    @Path("/tenant-domains/{domain}")
    @Operation(summary = "The tenant that proved this custom domain")
    public Uni<TenantSnapshot> tenantOn(@PathParam("domain") String domain) {
        return domains.owner(domain.toLowerCase(Locale.ROOT))
                .flatMap(owner ->
                        owner.map(tenants::get).orElseThrow(() -> ProblemException.notFound("Domain", "on this host")))
                .map(DirectoryResource::snapshot);
    }

    private static TenantSnapshot snapshot(TenantView view) {
        return new TenantSnapshot(
                view.tenantId(),
                view.slug(),
                view.name(),
                view.status(),
                view.plan(),
                view.licence() == null ? "none" : view.licence().status(),
                view.quotas());
    }

    @GET
    @Path("/organizations/{organizationId}")
    @Operation(summary = "An organization with its tenant and status")
    public Uni<OrganizationSnapshot> organization(@PathParam("organizationId") UUID organizationId) {
        return organizations
                .snapshot(organizationId)
                .map(found ->
                        found.orElseThrow(() -> ProblemException.notFound("Organization", organizationId.toString())));
    }

    @GET
    @Path("/tenants/{tenantId}/users/{userId}")
    @Operation(summary = "A user's status and membership context (organizations, roles, permissions, perm_ver)")
    public Uni<UserContext> user(@PathParam("tenantId") UUID tenantId, @PathParam("userId") UUID userId) {
        return directory.userContext(tenantId, userId);
    }

    @POST
    @Path("/tenants/{tenantId}/password-verifications")
    @Operation(summary = "Check a user's password; on success, the user's membership context")
    public Uni<PasswordVerification> verifyPassword(
            @PathParam("tenantId") UUID tenantId, @Valid @NotNull VerifyPassword request) {
        return directory.verifyPassword(tenantId, request.email(), request.password());
    }

    @GET
    @Path("/bootstrap-credentials/{clientId}")
    @Operation(summary = "A bootstrap admin client as the token-service authenticates it (secret as keyed hash)")
    public Uni<BootstrapCredentialRecord> bootstrapCredential(@PathParam("clientId") String clientId) {
        return bootstrapCredentials.find(clientId).map(credential -> {
            if (credential == null) {
                throw ProblemException.notFound("Bootstrap credential", clientId);
            }
            return new BootstrapCredentialRecord(
                    credential.clientId,
                    credential.tenantId,
                    credential.organizationId,
                    credential.secretHash,
                    List.of(credential.scopes.split(" ")),
                    credential.expiresAt,
                    credential.status.name().toLowerCase(Locale.ROOT));
        });
    }
}
