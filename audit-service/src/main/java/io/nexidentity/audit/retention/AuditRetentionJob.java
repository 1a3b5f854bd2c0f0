package io.nexidentity.audit.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import io.nexidentity.audit.ingest.AuditIngestor;
import io.nexidentity.tenantprojection.TenantDirectory;

/**
 * Applies each tenant's audit retention (days, from its licence's quotas): the oldest part of its chain is deleted,
 * always a prefix, so what remains still verifies. Tenants without an active licence keep everything: losing a
 * licence must not erase the evidence. Deleted events are counted in {@code nexid_audit_retention_deleted_total}.
 */
@ApplicationScoped
public class AuditRetentionJob {

    private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class);

    private final Pool pool;
    private final TenantDirectory tenants;
    private final Counter deleted;
    private final Clock clock = Clock.systemUTC();

    AuditRetentionJob(Pool pool, TenantDirectory tenants, MeterRegistry registry) {
        this.pool = pool;
        this.tenants = tenants;
        this.deleted = Counter.builder("nexid.audit.retention.deleted")
                .description("Audit events deleted because they outlived their tenant's retention")
                .register(registry);
    }

    @Scheduled(
            every = "${nexid.audit.retention-check-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return apply(clock.instant()).replaceWithVoid();
    }

    /** Applies retention as of {@code now}; returns how many events were deleted. */
    public Uni<Long> apply(Instant now) {
        return pool.query("select tenant_id from audit_chain_head").execute().flatMap(rows -> {
            var ids = new ArrayList<UUID>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return Multi.createFrom()
                    .iterable(ids)
                    .filter(tenant -> !AuditIngestor.PLATFORM.equals(tenant))
                    .onItem()
                    .transformToUniAndConcatenate(tenant -> applyTo(tenant, now))
                    .collect()
                    .with(Collectors.summingLong(Long::longValue));
        });
    }

    private Uni<Long> applyTo(UUID tenantId, Instant now) {
        return tenants.tenant(tenantId).flatMap(found -> {
            if (found.isEmpty()
                    || !found.get().licensed()
                    || found.get().quotas().auditRetentionDays() <= 0) {
                return Uni.createFrom().item(0L);
            }
            var cutoff = now.minus(Duration.ofDays(found.get().quotas().auditRetentionDays()));
            return pool.withTransaction(connection -> connection
                            .preparedQuery("select pruned_up_to from audit_chain_head where tenant_id = $1 for update")
                            .execute(Tuple.of(tenantId))
                            .flatMap(head -> connection
                                    .preparedQuery(
                                            "select max(chain_index) from audit_event where tenant_id = $1 and ingested_at < $2")
                                    .execute(Tuple.of(tenantId, cutoff.atOffset(ZoneOffset.UTC))))
                            .flatMap(max -> {
                                var upTo = max.iterator().next().getLong(0);
                                if (upTo == null) {
                                    return Uni.createFrom().item(0L);
                                }
                                return connection
                                        .preparedQuery(
                                                "delete from audit_event where tenant_id = $1 and chain_index <= $2")
                                        .execute(Tuple.of(tenantId, upTo))
                                        .flatMap(result -> connection
                                                .preparedQuery(
                                                        "update audit_chain_head set pruned_up_to = $2 where tenant_id = $1")
                                                .execute(Tuple.of(tenantId, upTo))
                                                .replaceWith((long) result.rowCount()));
                            }))
                    .invoke(count -> {
                        if (count > 0) {
                            deleted.increment(count);
                            LOG.infof("retention deleted %d audit events of tenant %s", count, tenantId);
                        }
                    });
        });
    }
}
