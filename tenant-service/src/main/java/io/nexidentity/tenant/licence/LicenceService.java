package io.nexidentity.tenant.licence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.LicenceChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.tenant.licence.Licence.LicenceStatus;
import io.nexidentity.tenant.plan.Plan;

/** Licence lifecycle inside the caller's transaction; every change is a licensing event. */
@ApplicationScoped
public class LicenceService {

    private final LicenceRepository licences;
    private final OutboxWriter outbox;
    private final Clock clock;

    LicenceService(LicenceRepository licences, OutboxWriter outbox, Clock clock) {
        this.licences = licences;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Licence> active(UUID tenantId) {
        return licences.findActive(tenantId);
    }

    public Uni<Licence> latest(UUID tenantId) {
        return licences.findLatest(tenantId);
    }

    public Uni<Licence> assign(UUID tenantId, Plan plan) {
        var now = clock.instant();
        var licence = new Licence();
        licence.id = Ids.newId();
        licence.tenantId = tenantId;
        licence.plan = plan;
        licence.status = LicenceStatus.ACTIVE;
        licence.startsAt = now;
        licence.expiresAt = plan.evaluationPeriod().map(now::plus).orElse(null);
        return licences.persist(licence)
                .flatMap(saved -> publish(TenantEvents.LICENCE_ASSIGNED, licence))
                .replaceWith(licence);
    }

    /** Ends an active licence with {@code status} (superseded, revoked or expired). */
    public Uni<Licence> end(Licence licence, LicenceStatus status, String reason) {
        licence.status = status;
        licence.endedAt = clock.instant();
        licence.endReason = reason;
        var type = status == LicenceStatus.EXPIRED
                ? TenantEvents.LICENCE_EVALUATION_EXPIRED
                : TenantEvents.LICENCE_REVOKED;
        // Flushed at once: the new active licence that usually follows must not be inserted before this update.
        return publish(type, licence)
                .call(published -> Panache.getSession().flatMap(session -> session.flush()))
                .replaceWith(licence);
    }

    /** Expires the evaluations that ran out before {@code now}, at most {@code limit} of them. */
    public Uni<Integer> expireEvaluations(Instant now, int limit) {
        return licences.findActiveExpiredBefore(now, limit)
                .flatMap(expired -> Multi.createFrom()
                        .iterable(expired)
                        .onItem()
                        .transformToUniAndConcatenate(
                                licence -> end(licence, LicenceStatus.EXPIRED, "evaluation period ended"))
                        .collect()
                        .asList()
                        .map(List::size));
    }

    private Uni<?> publish(EventType<LicenceChanged> type, Licence licence) {
        return outbox.append(
                type,
                licence.id.toString(),
                licence.tenantId.toString(),
                new LicenceChanged(
                        licence.id.toString(),
                        licence.plan.wireName(),
                        licence.status.name().toLowerCase(Locale.ROOT),
                        licence.plan.quotas(),
                        licence.startsAt,
                        licence.expiresAt,
                        licence.endReason));
    }
}
