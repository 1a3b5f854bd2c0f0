package io.nexidentity.tenant.organization;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.OrganizationChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.TenantGuard;
import io.nexidentity.tenant.organization.Organization.OrganizationStatus;

@ApplicationScoped
public class OrganizationService {

    static final String RESOURCE = "organization";

    private final OrganizationRepository organizations;
    private final TenantGuard guard;
    private final OutboxWriter outbox;
    private final Clock clock;

    OrganizationService(OrganizationRepository organizations, TenantGuard guard, OutboxWriter outbox, Clock clock) {
        this.organizations = organizations;
        this.guard = guard;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Creates an organization in the caller's transaction (registration creates the first one this way). */
    public Uni<Organization> create(UUID tenantId, String name) {
        var now = clock.instant();
        var organization = new Organization();
        organization.id = Ids.newId();
        organization.tenantId = tenantId;
        organization.name = name;
        organization.status = OrganizationStatus.ACTIVE;
        organization.createdAt = now;
        organization.updatedAt = now;
        return organizations
                .persist(organization)
                .flatMap(saved -> publish(TenantEvents.ORGANIZATION_CREATED, organization))
                .replaceWith(organization);
    }

    @WithTransaction
    public Uni<OrganizationView> createInTenant(UUID tenantId, String name) {
        return create(tenantId, name).map(OrganizationView::of);
    }

    @WithSession
    public Uni<Page<OrganizationView>> list(UUID tenantId, UUID after, int limit) {
        return organizations
                .listPage(tenantId, after, limit + 1)
                .map(rows -> Page.of(rows, limit, organization -> organization.id, OrganizationView::of));
    }

    @WithSession
    public Uni<OrganizationView> get(UUID id) {
        return owned(id, "read").map(OrganizationView::of);
    }

    @WithTransaction
    public Uni<OrganizationView> rename(UUID id, String name) {
        return change(id, "rename", organization -> {
            if (organization.name.equals(name)) {
                return Uni.createFrom().item(organization);
            }
            organization.name = name;
            return touchAndPublish(TenantEvents.ORGANIZATION_RENAMED, organization);
        });
    }

    @WithTransaction
    public Uni<OrganizationView> suspend(UUID id) {
        return change(id, "suspend", organization -> {
            if (organization.status == OrganizationStatus.SUSPENDED) {
                throw ProblemException.conflict("organization-suspended", "The organization is already suspended.");
            }
            organization.status = OrganizationStatus.SUSPENDED;
            return touchAndPublish(TenantEvents.ORGANIZATION_SUSPENDED, organization);
        });
    }

    @WithTransaction
    public Uni<OrganizationView> reactivate(UUID id) {
        return change(id, "reactivate", organization -> {
            if (organization.status == OrganizationStatus.ACTIVE) {
                throw ProblemException.conflict("organization-active", "The organization is already active.");
            }
            organization.status = OrganizationStatus.ACTIVE;
            return touchAndPublish(TenantEvents.ORGANIZATION_REACTIVATED, organization);
        });
    }

    /** The organization, if it is in the caller's tenant; a 404 problem otherwise. */
    public Uni<Organization> owned(UUID id, String operation) {
        return organizations
                .findById(id)
                .flatMap(organization -> guard.requireOwned(RESOURCE, id, organization, o -> o.tenantId, operation));
    }

    /** Any organization, for platform services (no tenant check: the internal API is not tenant-scoped). */
    @WithSession
    public Uni<Optional<OrganizationSnapshot>> snapshot(UUID id) {
        return organizations
                .findById(id)
                .map(organization -> Optional.ofNullable(organization)
                        .map(o -> new OrganizationSnapshot(
                                o.id, o.tenantId, o.name, o.status.name().toLowerCase(Locale.ROOT))));
    }

    /** The tenant's oldest organization: where tenant-wide things like the bootstrap client live. */
    @WithSession
    public Uni<UUID> firstOf(UUID tenantId) {
        return organizations.listPage(tenantId, null, 1).map(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("Organization of tenant", tenantId.toString());
            }
            return rows.get(0).id;
        });
    }

    private Uni<OrganizationView> change(UUID id, String operation, Function<Organization, Uni<Organization>> action) {
        return organizations
                .findById(id, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(organization -> guard.requireOwned(RESOURCE, id, organization, o -> o.tenantId, operation))
                .flatMap(action::apply)
                .map(OrganizationView::of);
    }

    private Uni<Organization> touchAndPublish(EventType<OrganizationChanged> type, Organization organization) {
        organization.updatedAt = clock.instant();
        return publish(type, organization).replaceWith(organization);
    }

    private Uni<?> publish(EventType<OrganizationChanged> type, Organization organization) {
        return outbox.append(
                type,
                organization.id.toString(),
                organization.tenantId.toString(),
                new OrganizationChanged(
                        organization.id.toString(),
                        organization.name,
                        organization.status.name().toLowerCase(Locale.ROOT)));
    }
}
