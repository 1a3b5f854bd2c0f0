package io.nexidentity.tenant.tenant;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.PlanChanged;
import io.nexidentity.events.tenant.TenantEvents.TenantRenamed;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.licence.Licence;
import io.nexidentity.tenant.licence.Licence.LicenceStatus;
import io.nexidentity.tenant.licence.LicenceService;
import io.nexidentity.tenant.plan.Plan;

/** The caller's own tenant: its name, plan and licence. */
@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;
    private final LicenceService licences;
    private final OutboxWriter outbox;
    private final Clock clock;

    TenantService(TenantRepository tenants, LicenceService licences, OutboxWriter outbox, Clock clock) {
        this.tenants = tenants;
        this.licences = licences;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithSession
    public Uni<TenantView> get(UUID tenantId) {
        return tenants.findById(tenantId).flatMap(tenant -> view(tenantId, tenant));
    }

    /** The tenant whose issuer is at {@code slug}. */
    @WithSession
    public Uni<TenantView> bySlug(String slug) {
        return tenants.findBySlug(slug).flatMap(tenant -> {
            if (tenant == null) {
                throw ProblemException.notFound("Tenant", slug);
            }
            return view(tenant.id, tenant);
        });
    }

    @WithTransaction
    public Uni<TenantView> rename(UUID tenantId, String name) {
        return locked(tenantId)
                .flatMap(tenant -> {
                    if (tenant.name.equals(name)) {
                        return Uni.createFrom().item(tenant);
                    }
                    tenant.name = name;
                    tenant.updatedAt = clock.instant();
                    return outbox.append(
                                    TenantEvents.TENANT_RENAMED,
                                    tenantId.toString(),
                                    tenantId.toString(),
                                    new TenantRenamed(tenantId.toString(), name))
                            .replaceWith(tenant);
                })
                .flatMap(tenant -> view(tenantId, tenant));
    }

    /**
     * Moves the tenant to {@code plan}: the active licence is superseded by one of the new plan. Changing to the
     * current plan changes nothing; evaluation is only for tenants that start on it.
     */
    @WithTransaction
    public Uni<TenantView> changePlan(UUID tenantId, Plan plan) {
        return locked(tenantId)
                .flatMap(tenant -> licences.active(tenantId).flatMap(active -> {
                    if (active != null && active.plan == plan) {
                        return Uni.createFrom().item(tenant);
                    }
                    if (plan == Plan.EVALUATION) {
                        throw ProblemException.conflict(
                                "evaluation-unavailable", "An evaluation can only be chosen at registration.");
                    }
                    var from = tenant.plan;
                    Uni<?> ended = active == null
                            ? Uni.createFrom().voidItem()
                            : licences.end(active, LicenceStatus.SUPERSEDED, "plan changed to " + plan.wireName());
                    return ended.flatMap(x -> licences.assign(tenantId, plan))
                            .flatMap(licence -> {
                                tenant.plan = plan;
                                tenant.updatedAt = clock.instant();
                                return outbox.append(
                                        TenantEvents.LICENCE_PLAN_CHANGED,
                                        tenantId.toString(),
                                        tenantId.toString(),
                                        new PlanChanged(
                                                tenantId.toString(),
                                                from.wireName(),
                                                plan.wireName(),
                                                licence.id.toString()));
                            })
                            .replaceWith(tenant);
                }))
                .flatMap(tenant -> view(tenantId, tenant));
    }

    /** Revokes the active licence: the tenant keeps its data but its quotas drop to zero until a plan is chosen. */
    @WithTransaction
    public Uni<TenantView> revokeLicence(UUID tenantId, String reason) {
        return locked(tenantId)
                .flatMap(tenant -> licences.active(tenantId).flatMap(active -> {
                    if (active == null) {
                        throw ProblemException.conflict("no-active-licence", "The tenant has no active licence.");
                    }
                    return licences.end(active, LicenceStatus.REVOKED, reason).replaceWith(tenant);
                }))
                .flatMap(tenant -> view(tenantId, tenant));
    }

    private Uni<Tenant> locked(UUID tenantId) {
        return tenants.findById(tenantId, LockModeType.PESSIMISTIC_WRITE).map(tenant -> {
            if (tenant == null) {
                throw ProblemException.notFound("Tenant", tenantId.toString());
            }
            return tenant;
        });
    }

    private Uni<TenantView> view(UUID tenantId, Tenant tenant) {
        if (tenant == null) {
            throw ProblemException.notFound("Tenant", tenantId.toString());
        }
        return licences.latest(tenantId).map((Licence licence) -> TenantView.of(tenant, licence));
    }
}
