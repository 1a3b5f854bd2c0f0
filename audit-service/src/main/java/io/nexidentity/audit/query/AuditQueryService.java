package io.nexidentity.audit.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.security.TenantGuard;

/**
 * Reads a tenant's audit trail: newest first, a page at a time (the cursor is the event's place in the tenant's chain,
 * which is its ingestion order, so pages stay stable while new events arrive), one event by id, or a whole time range
 * streamed oldest first. Every query is within one tenant, so the chain's primary key orders them.
 */
@ApplicationScoped
public class AuditQueryService {

    private static final String COLUMNS =
            "tenant_id, chain_index, event_id, type, category, subject, actor, organization_id, occurred_at,"
                    + " ingested_at, payload";
    private static final int EXPORT_CHUNK = 1000;

    private final Pool pool;
    private final TenantGuard guard;

    AuditQueryService(Pool pool, TenantGuard guard) {
        this.pool = pool;
        this.guard = guard;
    }

    public Uni<Page<AuditEventView>> page(AuditFilter filter, Long before, int limit) {
        var where = filter.where();
        var params = new ArrayList<>(where.params());
        var sql = new StringBuilder("select " + COLUMNS + " from audit_event where " + where.sql());
        if (before != null) {
            params.add(before);
            sql.append(" and chain_index < $").append(params.size());
        }
        params.add(limit + 1);
        sql.append(" order by chain_index desc limit $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            var items = new ArrayList<AuditEventView>();
            for (Row row : rows) {
                items.add(view(row));
            }
            var more = items.size() > limit;
            return new Page<>(
                    items.subList(0, Math.min(limit, items.size())),
                    more ? String.valueOf(items.get(limit - 1).chainIndex()) : null);
        });
    }

    public Uni<AuditEventView> one(String eventId) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_event where event_id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()))
                .flatMap(event -> guard.requireOwned("audit_event", eventId, event, AuditEventView::tenantId, "read"));
    }

    /** The events of the filter, oldest first, one JSON document per item, fetched in chunks (never all in memory). */
    public Multi<String> export(AuditFilter filter) {
        var where = filter.where();
        return Multi.createBy()
                .repeating()
                .uni(() -> new long[] {0}, after -> chunk(where, after))
                .whilst(chunk -> chunk.size() == EXPORT_CHUNK)
                .onItem()
                .transformToIterable(chunk -> chunk);
    }

    private Uni<List<String>> chunk(AuditFilter.Where where, long[] after) {
        var params = new ArrayList<>(where.params());
        params.add(after[0]);
        var sql = "select chain_index, payload from audit_event where " + where.sql() + " and chain_index > $"
                + params.size() + " order by chain_index limit " + EXPORT_CHUNK;
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            var lines = new ArrayList<String>();
            for (Row row : rows) {
                after[0] = row.getLong("chain_index");
                lines.add(row.getString("payload"));
            }
            return lines;
        });
    }

    private static AuditEventView view(Row row) {
        return new AuditEventView(
                row.getString("event_id"),
                row.getUUID("tenant_id"),
                row.getLong("chain_index"),
                row.getString("type"),
                row.getString("category"),
                row.getString("subject"),
                row.getString("actor"),
                row.getUUID("organization_id"),
                instant(row.getOffsetDateTime("occurred_at")),
                instant(row.getOffsetDateTime("ingested_at")),
                new JsonObject(row.getString("payload")).getMap());
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    /** One stored event, with the CloudEvent exactly as it was published. */
    public record AuditEventView(
            String eventId,
            UUID tenantId,
            long chainIndex,
            String type,
            String category,
            String subject,
            String actor,
            UUID organizationId,
            Instant time,
            Instant ingestedAt,
            Map<String, Object> event) {}
}
