package io.nexidentity.tenantprojection;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.Quotas;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.LicenceChanged;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.projection.ProjectionEvents;
import io.nexidentity.projection.Projections;

/** Tenant, licence, organization and membership events into the projection. */
@ApplicationScoped
public class TenantProjectionConsumer {

    private static final Quotas NONE = new Quotas(0, 0, 0, 0, 0);

    private final ProjectionEvents events;

    TenantProjectionConsumer(Projections projections, TenantDirectory directory) {
        var tenants = directory.tenants();
        var organizations = directory.organizations();
        var memberships = directory.memberships();
        this.events = projections
                .events("tenant-projection")
                .on(
                        TenantEvents.TENANT_REGISTERED,
                        (event, registered) -> registered.plan() == null
                                ? null
                                : tenants.put(
                                        tenantId(event).toString(),
                                        new TenantSnapshot(
                                                tenantId(event),
                                                registered.slug(),
                                                registered.name(),
                                                "active",
                                                registered.plan(),
                                                "pending",
                                                NONE),
                                        event.time()))
                .on(
                        TenantEvents.TENANT_RENAMED,
                        (event, renamed) -> renamed.name() == null
                                ? null
                                : tenants.merge(
                                        tenantId(event).toString(),
                                        tenant -> new TenantSnapshot(
                                                tenant.tenantId(),
                                                tenant.slug(),
                                                renamed.name(),
                                                tenant.status(),
                                                tenant.plan(),
                                                tenant.licenceStatus(),
                                                tenant.quotas()),
                                        event.time()))
                .on(
                        List.of(
                                TenantEvents.ORGANIZATION_CREATED,
                                TenantEvents.ORGANIZATION_RENAMED,
                                TenantEvents.ORGANIZATION_SUSPENDED,
                                TenantEvents.ORGANIZATION_REACTIVATED),
                        (event, organization) -> organization.status() == null
                                ? null
                                : organizations.put(
                                        UUID.fromString(organization.organizationId())
                                                .toString(),
                                        new OrganizationSnapshot(
                                                UUID.fromString(organization.organizationId()),
                                                tenantId(event),
                                                organization.name(),
                                                organization.status()),
                                        event.time()))
                .on(
                        List.of(TenantEvents.MEMBERSHIP_CREATED, TenantEvents.MEMBERSHIP_CHANGED),
                        (event, membership) -> membership.membershipId() == null
                                ? null
                                : memberships.put(membership.membershipId(), membership, event.time()))
                .on(
                        TenantEvents.MEMBERSHIP_REMOVED,
                        (event, membership) -> membership.membershipId() == null
                                ? null
                                : memberships.delete(membership.membershipId(), membership, event.time()))
                .on(
                        List.of(
                                TenantEvents.LICENCE_ASSIGNED,
                                TenantEvents.LICENCE_REVOKED,
                                TenantEvents.LICENCE_EVALUATION_EXPIRED),
                        (event, licence) -> licence.status() == null
                                ? null
                                : tenants.merge(
                                        tenantId(event).toString(),
                                        tenant -> licensed(tenant, licence),
                                        licensed(
                                                new TenantSnapshot(
                                                        tenantId(event), null, null, "active", null, null, NONE),
                                                licence),
                                        event.time()))
                .build();
    }

    @Incoming("tenant-projection")
    public Uni<Void> consume(String json) {
        return events.store(json);
    }

    private static TenantSnapshot licensed(TenantSnapshot tenant, LicenceChanged licence) {
        var active = "active".equals(licence.status());
        return new TenantSnapshot(
                tenant.tenantId(),
                tenant.slug(),
                tenant.name(),
                tenant.status(),
                licence.plan(),
                licence.status(),
                active && licence.quotas() != null ? licence.quotas() : NONE);
    }

    private static UUID tenantId(CloudEvent event) {
        return UUID.fromString(event.tenantid());
    }
}
