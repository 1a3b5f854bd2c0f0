package io.nexidentity.audit.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.audit.chain.ChainHash;

/**
 * Stores every event of every domain topic once, appended to its tenant's hash chain. A Kafka batch is one
 * transaction: events already stored (redelivery after a restart or rebalance) are skipped by id, the chain heads of
 * the batch's tenants are locked in a fixed order, and all new rows go in one batched insert. The batch is only
 * acknowledged after the commit, so nothing is lost; a crash before it only means redelivery.
 */
@ApplicationScoped
public class AuditIngestor {

    /** Events without a tenant (platform-wide, e.g. signing keys) form a chain of their own. */
    public static final UUID PLATFORM = new UUID(0, 0);

    private static final Logger LOG = Logger.getLogger(AuditIngestor.class);

    private final Pool pool;
    private final ObjectMapper mapper;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;
    private final Clock clock = Clock.systemUTC();

    AuditIngestor(Pool pool, ObjectMapper mapper, MeterRegistry registry) {
        this.pool = pool;
        this.mapper = mapper;
        this.stored = Counter.builder("nexid.audit.events.stored").register(registry);
        this.duplicates = Counter.builder("nexid.audit.events.duplicates").register(registry);
        this.rejected = Counter.builder("nexid.audit.events.rejected")
                .description("Records that are not CloudEvents; skipped, never stored")
                .register(registry);
    }

    @Incoming("audit-events")
    public Uni<Void> ingest(List<String> records) {
        var events = new LinkedHashMap<String, AuditRecord>();
        for (var record : records) {
            var parsed = parse(record);
            if (parsed != null) {
                events.putIfAbsent(parsed.eventId(), parsed);
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> alreadyStored(connection, events.keySet())
                .flatMap(existing -> {
                    duplicates.increment(existing.size());
                    existing.forEach(events::remove);
                    return events.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : append(connection, List.copyOf(events.values()));
                }));
    }

    private Uni<Void> append(SqlConnection connection, List<AuditRecord> events) {
        var byTenant = new TreeMap<UUID, List<AuditRecord>>();
        events.forEach(event -> byTenant.computeIfAbsent(event.tenantId(), tenant -> new ArrayList<>())
                .add(event));
        var tenants = byTenant.keySet().toArray(UUID[]::new);
        return connection
                .preparedQuery("insert into audit_chain_head (tenant_id, last_index, last_hash)"
                        + " select unnest($1::uuid[]), 0, $2 on conflict do nothing")
                .execute(Tuple.of(tenants, ChainHash.GENESIS))
                .flatMap(created -> connection
                        .preparedQuery("select tenant_id, last_index, last_hash from audit_chain_head"
                                + " where tenant_id = any($1) order by tenant_id for update")
                        .execute(Tuple.of((Object) tenants)))
                .flatMap(heads -> {
                    var now = clock.instant().atOffset(ZoneOffset.UTC);
                    var rows = new ArrayList<Tuple>();
                    var newHeads = new ArrayList<Tuple>();
                    for (var head : heads) {
                        var tenant = head.getUUID("tenant_id");
                        long index = head.getLong("last_index");
                        var hash = head.getString("last_hash");
                        for (var event : byTenant.get(tenant)) {
                            index++;
                            var previous = hash;
                            hash = ChainHash.link(previous, index, event.eventId(), event.payload());
                            rows.add(Tuple.from(Arrays.asList(
                                    tenant,
                                    index,
                                    event.eventId(),
                                    event.type(),
                                    event.category().wireName(),
                                    event.subject(),
                                    event.actor(),
                                    event.organizationId(),
                                    event.occurredAt().atOffset(ZoneOffset.UTC),
                                    now,
                                    event.payload(),
                                    previous,
                                    hash)));
                        }
                        newHeads.add(Tuple.of(tenant, index, hash));
                    }
                    return connection
                            .preparedQuery("""
                                    insert into audit_event (tenant_id, chain_index, event_id, type, category, subject, actor,
                                        organization_id, occurred_at, ingested_at, payload, prev_hash, hash)
                                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                            .executeBatch(rows)
                            .flatMap(inserted -> connection
                                    .preparedQuery("update audit_chain_head set last_index = $2, last_hash = $3"
                                            + " where tenant_id = $1")
                                    .executeBatch(newHeads))
                            .invoke(() -> stored.increment(rows.size()))
                            .replaceWithVoid();
                });
    }

    private Uni<List<String>> alreadyStored(SqlConnection connection, Set<String> ids) {
        return connection
                .preparedQuery("select event_id from audit_event where event_id = any($1)")
                .execute(Tuple.of((Object) ids.toArray(String[]::new)))
                .map(rows -> {
                    var found = new ArrayList<String>();
                    rows.forEach(row -> found.add(row.getString(0)));
                    return found;
                });
    }

    private AuditRecord parse(String record) {
        try {
            var event = mapper.readTree(record);
            var id = text(event, "id");
            var type = text(event, "type");
            if (id == null || type == null || !event.hasNonNull("time")) {
                throw new IllegalArgumentException("not a CloudEvent");
            }
            var tenant = text(event, "tenantid");
            return new AuditRecord(
                    id,
                    tenant == null ? PLATFORM : UUID.fromString(tenant),
                    type,
                    AuditCategory.of(type),
                    text(event, "subject"),
                    text(event, "actor"),
                    organizationOf(event, type),
                    Instant.parse(event.get("time").asText()),
                    record);
        } catch (Exception e) {
            rejected.increment();
            LOG.warnf("skipping a record that is not a CloudEvent: %s", e.getMessage());
            return null;
        }
    }

    /** The organization an event belongs to: its payload's organization_id, or the subject of organization events. */
    private static UUID organizationOf(JsonNode event, String type) {
        var data = event.path("data");
        var organization = text(data, "organization_id");
        if (organization == null && type.startsWith("nexid.organization.")) {
            organization = text(event, "subject");
        }
        try {
            return organization == null ? null : UUID.fromString(organization);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private record AuditRecord(
            String eventId,
            UUID tenantId,
            String type,
            AuditCategory category,
            String subject,
            String actor,
            UUID organizationId,
            Instant occurredAt,
            String payload) {}
}
