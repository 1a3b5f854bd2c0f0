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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import io.nexidentity.audit.config.AuditConfig;
import io.nexidentity.audit.ingest.AuditIngestor;
import io.nexidentity.tenantprojection.TenantDirectory;

/**
 * Applies each tenant's audit retention (days, from its licence's quotas): the oldest part of its chain is deleted,
 * always a whole prefix, and a checkpoint of it is kept (the last removed index and hash, when, under which
 * retention), so what remains still verifies and a reader can tell what was removed and why. A plan change that
 * shortens the retention does not reach events the longer one covered until {@code retention-grace} has passed since
 * that retention was last in force. Tenants without an active licence keep everything: losing a licence must not erase
 * the evidence. Deleted events are counted in {@code nexid_audit_retention_deleted_total}.
 */
@ApplicationScoped
public class AuditRetentionJob {

    private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class);

    private final Pool pool;
    private final TenantDirectory tenants;
    private final AuditConfig config;
    private final Counter deleted;
    private final Clock clock;

    AuditRetentionJob(Pool pool, TenantDirectory tenants, AuditConfig config, MeterRegistry registry, Clock clock) {
        this.pool = pool;
        this.tenants = tenants;
        this.config = config;
        this.deleted = Counter.builder("nexid.audit.retention.deleted")
                .description("Audit events deleted because they outlived their tenant's retention")
                .register(registry);
        this.clock = clock;
    }

    @Scheduled(
            every = "${nexid.audit.retention-check-interval}",
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
                    .transformToUniAndConcatenate(tenant -> applyTo(tenant, now)
                            .onFailure()
                            .recoverWithItem(failure -> {
                                // One tenant's failure (its directory entry unreachable, say) waits for the next run
                                // and never holds back the others'.
                                LOG.warnf("retention skipped tenant %s this time: %s", tenant, failure.toString());
                                return 0L;
                            }))
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
            var current = found.get().quotas().auditRetentionDays();
            return pool.withTransaction(connection -> connection
                            .preparedQuery("select pruned_up_to from audit_chain_head where tenant_id = $1 for update")
                            .execute(Tuple.of(tenantId))
                            .flatMap(head -> retentionInForce(connection, tenantId, current, now)
                                    .flatMap(days -> prune(
                                            connection,
                                            tenantId,
                                            head.iterator().next().getLong(0),
                                            days,
                                            now))))
                    .invoke(count -> {
                        if (count > 0) {
                            deleted.increment(count);
                            LOG.infof("retention deleted %d audit events of tenant %s", count, tenantId);
                        }
                    });
        });
    }

    /**
     * The longest retention in force for the tenant within the grace period: the current one, and any longer one that
     * applied less than {@code retention-grace} ago.
     */
    private Uni<Integer> retentionInForce(SqlConnection connection, UUID tenantId, int current, Instant now) {
        return connection
                .preparedQuery("""
                        insert into audit_retention_seen (tenant_id, retention_days, last_seen) values ($1, $2, $3)
                        on conflict (tenant_id, retention_days) do update set last_seen = excluded.last_seen""")
                .execute(Tuple.of(tenantId, current, now.atOffset(ZoneOffset.UTC)))
                .flatMap(seen -> connection
                        .preparedQuery("select max(retention_days) from audit_retention_seen"
                                + " where tenant_id = $1 and last_seen > $2")
                        .execute(Tuple.of(
                                tenantId, now.minus(config.retentionGrace()).atOffset(ZoneOffset.UTC))))
                .map(rows -> Math.max(current, rows.iterator().next().getInteger(0)));
    }

    /** Deletes the prefix ingested before the retention, after checkpointing its last link. */
    private Uni<Long> prune(SqlConnection connection, UUID tenantId, long prunedUpTo, int days, Instant now) {
        var cutoff = now.minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC);
        return connection
                .preparedQuery("select chain_index, hash from audit_event where tenant_id = $1 and chain_index = ("
                        + "select max(chain_index) from audit_event where tenant_id = $1 and ingested_at < $2)")
                .execute(Tuple.of(tenantId, cutoff))
                .flatMap(last -> {
                    if (last.size() == 0) {
                        return Uni.createFrom().item(0L);
                    }
                    var row = last.iterator().next();
                    long upTo = row.getLong("chain_index");
                    return connection
                            .preparedQuery("insert into audit_checkpoint (tenant_id, chain_index, hash, removed_from,"
                                    + " removed_at, retention_days) values ($1, $2, $3, $4, $5, $6)")
                            .execute(Tuple.from(new Object[] {
                                tenantId,
                                upTo,
                                row.getString("hash"),
                                prunedUpTo + 1,
                                now.atOffset(ZoneOffset.UTC),
                                days
                            }))
                            .flatMap(checkpointed -> connection
                                    .preparedQuery("delete from audit_event where tenant_id = $1 and chain_index <= $2")
                                    .execute(Tuple.of(tenantId, upTo)))
                            .flatMap(removed -> connection
                                    .preparedQuery("update audit_chain_head set pruned_up_to = $2 where tenant_id = $1")
                                    .execute(Tuple.of(tenantId, upTo))
                                    .replaceWith((long) removed.rowCount()));
                });
    }
}
