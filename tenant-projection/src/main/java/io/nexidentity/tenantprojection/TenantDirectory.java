package io.nexidentity.tenantprojection;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.TenantEvents.MembershipChanged;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.projection.Projection;
import io.nexidentity.projection.Projections;

/**
 * Tenants, organizations and memberships as this service knows them, from {@code nexid.tenant.v1} and read through from the
 * tenant-service on a miss. A tenant whose licence is still pending (registered, licence event not yet here) is read
 * through again.
 */
@ApplicationScoped
public class TenantDirectory {

    private final Projection<TenantSnapshot> tenants;
    private final Projection<OrganizationSnapshot> organizations;
    private final Projection<MembershipChanged> memberships;

    TenantDirectory(
            Projections projections,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.tenants = projections
                .of("tenants", TenantSnapshot.class)
                .table("projected_tenant")
                .identifiedBy(tenant -> String.valueOf(tenant.tenantId()))
                .owner(tenantServiceUrl, "/internal/v1/tenants/{}")
                .settledWhen(tenant -> !"pending".equals(tenant.licenceStatus()))
                .build();
        this.organizations = projections
                .of("organizations", OrganizationSnapshot.class)
                .table("projected_organization")
                .identifiedBy(organization -> String.valueOf(organization.organizationId()))
                .owner(tenantServiceUrl, "/internal/v1/organizations/{}")
                .build();
        this.memberships = projections
                .of("memberships", MembershipChanged.class)
                .table("projected_membership")
                .identifiedBy(MembershipChanged::membershipId)
                .owner(tenantServiceUrl, "/internal/v1/memberships/{}")
                .build();
    }

    public Uni<Optional<TenantSnapshot>> tenant(UUID tenantId) {
        return tenants.find(tenantId.toString());
    }

    public Uni<Optional<OrganizationSnapshot>> organization(UUID organizationId) {
        return organizations.find(organizationId.toString());
    }

    public Uni<Optional<MembershipChanged>> membership(UUID membershipId) {
        return memberships.find(membershipId.toString());
    }

    Projection<TenantSnapshot> tenants() {
        return tenants;
    }

    Projection<OrganizationSnapshot> organizations() {
        return organizations;
    }

    Projection<MembershipChanged> memberships() {
        return memberships;
    }
}
