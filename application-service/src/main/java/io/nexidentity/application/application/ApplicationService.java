package io.nexidentity.application.application;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.application.application.Application.ApplicationStatus;
import io.nexidentity.application.application.ApplicationRequests.CreateApplication;
import io.nexidentity.application.application.ApplicationRequests.UpdateApplication;
import io.nexidentity.events.EventType;
import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.events.application.ApplicationEvents.QuotaReached;
import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.persistence.TransactionLocks;
import io.nexidentity.runtime.persistence.UniqueViolation;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.TenantGuard;
import io.nexidentity.tenantprojection.TenantDirectory;

/** Application lifecycle and the plan's application quota, which concurrent creations never exceed. */
@ApplicationScoped
public class ApplicationService {

    static final String RESOURCE = "application";
    private static final String NAME_UNIQUE = "application_name_per_organization";

    private final ApplicationRepository applications;
    private final TenantDirectory directory;
    private final TenantGuard guard;
    private final OutboxWriter outbox;
    private final Clock clock;

    ApplicationService(
            ApplicationRepository applications,
            TenantDirectory directory,
            TenantGuard guard,
            OutboxWriter outbox,
            Clock clock) {
        this.applications = applications;
        this.directory = directory;
        this.guard = guard;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ApplicationView> create(UUID tenantId, CreateApplication request) {
        var apiScopes = ApplicationRules.apiScopes(request.apiScopes());
        var consumption = ApplicationRules.consumption(request.externalConsumption());
        return organizationOf(request.organizationId(), "create_application")
                .flatMap(organization -> licensedTenant(tenantId))
                .flatMap(tenant -> TransactionLocks.lock("application-quota", tenantId)
                        .flatMap(locked -> applications.countInUse(tenantId))
                        .flatMap(used -> {
                            int limit = tenant.quotas().applications();
                            if (used >= limit) {
                                return quotaReached(tenant, used.intValue(), limit, request.organizationId());
                            }
                            var now = clock.instant();
                            var application = new Application();
                            application.id = Ids.newId();
                            application.tenantId = tenantId;
                            application.organizationId = request.organizationId();
                            application.key = ApplicationRules.newKey();
                            application.name = request.name().strip();
                            application.description = request.description();
                            application.status = ApplicationStatus.ACTIVE;
                            application.externalConsumption = consumption;
                            application.apiScopes = apiScopes;
                            application.createdAt = now;
                            application.updatedAt = now;
                            return applications
                                    .persist(application)
                                    .call(ApplicationService::flushUniqueName)
                                    .call(saved -> publish(ApplicationEvents.APPLICATION_CREATED, application));
                        }))
                .map(ApplicationView::of);
    }

    @WithSession
    public Uni<Page<ApplicationView>> list(UUID tenantId, UUID organizationId, UUID after, int limit) {
        return applications
                .listPage(tenantId, organizationId, after, limit + 1)
                .map(rows -> Page.of(rows, limit, application -> application.id, ApplicationView::of));
    }

    @WithSession
    public Uni<ApplicationView> get(UUID id) {
        return owned(id, "read").map(ApplicationView::of);
    }

    @WithTransaction
    public Uni<ApplicationView> update(UUID id, UpdateApplication request) {
        return change(
                id,
                "update",
                application -> {
                    if (application.status == ApplicationStatus.ARCHIVED) {
                        throw archived(application);
                    }
                    if (request.name() != null) {
                        application.name = request.name().strip();
                    }
                    if (request.description() != null) {
                        application.description = request.description();
                    }
                    if (request.externalConsumption() != null) {
                        application.externalConsumption = ApplicationRules.consumption(request.externalConsumption());
                    }
                    if (request.apiScopes() != null) {
                        application.apiScopes = ApplicationRules.apiScopes(request.apiScopes());
                    }
                },
                ApplicationEvents.APPLICATION_UPDATED);
    }

    @WithTransaction
    public Uni<ApplicationView> suspend(UUID id) {
        return moveTo(id, ApplicationStatus.SUSPENDED, "suspend", ApplicationEvents.APPLICATION_SUSPENDED);
    }

    @WithTransaction
    public Uni<ApplicationView> reactivate(UUID id) {
        return moveTo(id, ApplicationStatus.ACTIVE, "reactivate", ApplicationEvents.APPLICATION_REACTIVATED);
    }

    /** Archives an application for good; it stops counting against the quota. */
    @WithTransaction
    public Uni<ApplicationView> archive(UUID id) {
        return moveTo(id, ApplicationStatus.ARCHIVED, "archive", ApplicationEvents.APPLICATION_ARCHIVED);
    }

    /** The application, if it is in the caller's tenant; a 404 problem otherwise. */
    public Uni<Application> owned(UUID id, String operation) {
        return applications
                .findById(id)
                .flatMap(application -> guard.requireOwned(RESOURCE, id, application, a -> a.tenantId, operation));
    }

    private Uni<ApplicationView> moveTo(
            UUID id, ApplicationStatus next, String operation, EventType<ApplicationSnapshot> type) {
        return change(
                id,
                operation,
                application -> {
                    if (!application.status.canMoveTo(next)) {
                        throw new ProblemException(Problem.of(
                                        "invalid-transition",
                                        "Conflict",
                                        409,
                                        "An application that is "
                                                + application.status.name().toLowerCase(Locale.ROOT)
                                                + " cannot be moved to "
                                                + next.name().toLowerCase(Locale.ROOT) + ".")
                                .with(
                                        "current_status",
                                        application.status.name().toLowerCase(Locale.ROOT)));
                    }
                    application.status = next;
                },
                type);
    }

    private Uni<ApplicationView> change(
            UUID id, String operation, Consumer<Application> edit, EventType<ApplicationSnapshot> type) {
        return applications
                .findById(id, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(application -> guard.requireOwned(RESOURCE, id, application, a -> a.tenantId, operation))
                .flatMap(application -> {
                    edit.accept(application);
                    application.updatedAt = clock.instant();
                    return flushUniqueName(application)
                            .call(flushed -> publish(type, application))
                            .replaceWith(application);
                })
                .map(ApplicationView::of);
    }

    private Uni<OrganizationSnapshot> organizationOf(UUID organizationId, String operation) {
        return directory
                .organization(organizationId)
                .flatMap(found -> guard.requireOwned(
                        "organization", organizationId, found.orElse(null), OrganizationSnapshot::tenantId, operation))
                .invoke(organization -> {
                    if (!"active".equals(organization.status())) {
                        throw ProblemException.conflict(
                                "organization-suspended", "Organization " + organizationId + " is suspended.");
                    }
                });
    }

    private Uni<TenantSnapshot> licensedTenant(UUID tenantId) {
        return directory
                .tenant(tenantId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Tenant", tenantId.toString())));
    }

    private <T> Uni<T> quotaReached(TenantSnapshot tenant, int used, int limit, UUID organizationId) {
        var plan = tenant.plan() == null ? "none" : tenant.plan();
        return outbox.appendCommitted(
                        ApplicationEvents.APPLICATION_QUOTA_REACHED,
                        tenant.tenantId().toString(),
                        tenant.tenantId().toString(),
                        new QuotaReached("applications", plan, limit, used, organizationId, null))
                .onItem()
                .transformToUni(recorded -> Uni.createFrom()
                        .failure(new ProblemException(Problem.of(
                                        "quota-exceeded",
                                        "Quota exceeded",
                                        409,
                                        "The " + plan + " plan allows " + limit + " applications and " + used
                                                + " are in use" + (tenant.licensed() ? "." : " (no active licence)."))
                                .with("quota", "applications")
                                .with("plan", plan)
                                .with("limit", limit)
                                .with("used", used))));
    }

    private static ProblemException archived(Application application) {
        return ProblemException.conflict("application-archived", "Application " + application.id + " is archived.");
    }

    private Uni<?> publish(EventType<ApplicationSnapshot> type, Application application) {
        return outbox.append(
                type,
                application.id.toString(),
                application.tenantId.toString(),
                ApplicationView.snapshot(application));
    }

    private static Uni<Void> flushUniqueName(Object ignored) {
        return Panache.getSession()
                .flatMap(session -> session.flush())
                .onFailure(failure -> UniqueViolation.of(failure, NAME_UNIQUE))
                .transform(failure -> ProblemException.conflict(
                        "application-name-taken", "The organization already has an application with this name."));
    }
}
