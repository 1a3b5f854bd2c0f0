package io.nexidentity.audit.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.audit.chain.ChainHash;
import io.nexidentity.events.EventHeader;
import io.nexidentity.outbox.ConsumerGuard;

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

    private static final String CONSUMER = "audit-ingestion";
    private static final Logger LOG = Logger.getLogger(AuditIngestor.class);

    private final Pool pool;
    private final ConsumerGuard guard;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;
    private final Clock clock;
    private final IngestionTracing tracing;

    AuditIngestor(Pool pool, ConsumerGuard guard, MeterRegistry registry, Clock clock, IngestionTracing tracing) {
        this.pool = pool;
        this.guard = guard;
        this.tracing = tracing;
        this.stored = Counter.builder("nexid.audit.events.stored").register(registry);
        this.duplicates = Counter.builder("nexid.audit.events.duplicates").register(registry);
        this.rejected = Counter.builder("nexid.audit.events.rejected")
                .description("Records that are not CloudEvents; skipped, never stored")
                .register(registry);
        this.clock = clock;
    }

    @Incoming("audit-events")
    public Uni<Void> ingest(List<String> records) {
        return guard.applyBatch(CONSUMER, records, this::store);
    }

    private Uni<Void> store(List<String> records) {
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
        var span = tracing.start(
                events.size(),
                events.values().stream().map(AuditRecord::traceparent).filter(Objects::nonNull));
        return pool.withTransaction(connection -> alreadyStored(connection, events.keySet())
                        .flatMap(existing -> {
                            duplicates.increment(existing.size());
                            existing.forEach(events::remove);
                            return events.isEmpty()
                                    ? Uni.createFrom().voidItem()
                                    : append(connection, List.copyOf(events.values()));
                        }))
                .onTermination()
                .invoke(span::end);
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
                    var rows = new Columns(events.size());
                    var headTenants = new ArrayList<UUID>();
                    var headIndexes = new ArrayList<Long>();
                    var headHashes = new ArrayList<String>();
                    for (var head : heads) {
                        var tenant = head.getUUID("tenant_id");
                        long index = head.getLong("last_index");
                        var hash = head.getString("last_hash");
                        for (var event : byTenant.get(tenant)) {
                            index++;
                            var previous = hash;
                            hash = ChainHash.link(previous, index, event.eventId(), event.payload());
                            rows.add(tenant, index, event, previous, hash);
                        }
                        headTenants.add(tenant);
                        headIndexes.add(index);
                        headHashes.add(hash);
                    }
                    var now = clock.instant().atOffset(ZoneOffset.UTC);
                    return connection
                            .preparedQuery("""
                                    insert into audit_event (tenant_id, chain_index, event_id, type, category, subject, actor,
                                        organization_id, occurred_at, ingested_at, payload, prev_hash, hash)
                                    select t, i, e, ty, c, s, a, o, oc, $13, p, ph, h from unnest($1::uuid[], $2::bigint[],
                                        $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[],
                                        $9::timestamptz[], $10::text[], $11::text[], $12::text[])
                                        as r(t, i, e, ty, c, s, a, o, oc, p, ph, h)""")
                            .execute(rows.tuple(now))
                            .flatMap(inserted -> connection
                                    .preparedQuery("""
                                            update audit_chain_head h set last_index = n.i, last_hash = n.h
                                            from unnest($1::uuid[], $2::bigint[], $3::text[]) as n(t, i, h)
                                            where h.tenant_id = n.t""")
                                    .execute(Tuple.of(
                                            headTenants.toArray(UUID[]::new),
                                            headIndexes.toArray(Long[]::new),
                                            headHashes.toArray(String[]::new))))
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
            var event = EventHeader.read(record);
            return new AuditRecord(
                    event.id(),
                    event.tenantId() == null ? PLATFORM : UUID.fromString(event.tenantId()),
                    event.type(),
                    AuditCategory.of(event.type()),
                    storable(event.subject()),
                    storable(event.actor()),
                    event.organizationId(),
                    event.time(),
                    event.traceparent(),
                    record);
        } catch (Exception e) {
            rejected.increment();
            LOG.warnf("skipping a record that is not a CloudEvent: %s", e.getMessage());
            return null;
        }
    }

    /**
     * Subjects and actors may carry what a caller typed (a username at a failed sign-in); a NUL character, which a
     * text column refuses, must not keep the event out of the trail. The payload keeps the exact text.
     */
    private static String storable(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }

    /** The new rows as column arrays: one INSERT ... SELECT FROM unnest(...) stores a whole batch. */
    private static final class Columns {
        private final List<UUID> tenants;
        private final List<Long> indexes;
        private final List<String> ids;
        private final List<String> types;
        private final List<String> categories;
        private final List<String> subjects;
        private final List<String> actors;
        private final List<UUID> organizations;
        private final List<OffsetDateTime> times;
        private final List<String> payloads;
        private final List<String> previousHashes;
        private final List<String> hashes;

        Columns(int size) {
            tenants = new ArrayList<>(size);
            indexes = new ArrayList<>(size);
            ids = new ArrayList<>(size);
            types = new ArrayList<>(size);
            categories = new ArrayList<>(size);
            subjects = new ArrayList<>(size);
            actors = new ArrayList<>(size);
            organizations = new ArrayList<>(size);
            times = new ArrayList<>(size);
            payloads = new ArrayList<>(size);
            previousHashes = new ArrayList<>(size);
            hashes = new ArrayList<>(size);
        }

        void add(UUID tenant, long index, AuditRecord event, String previousHash, String hash) {
            tenants.add(tenant);
            indexes.add(index);
            ids.add(event.eventId());
            types.add(event.type());
            categories.add(event.category().wireName());
            subjects.add(event.subject());
            actors.add(event.actor());
            organizations.add(event.organizationId());
            times.add(event.occurredAt().atOffset(ZoneOffset.UTC));
            payloads.add(event.payload());
            previousHashes.add(previousHash);
            hashes.add(hash);
        }

        int size() {
            return ids.size();
        }

        Tuple tuple(OffsetDateTime now) {
            return Tuple.from(List.of(
                    tenants.toArray(UUID[]::new),
                    indexes.toArray(Long[]::new),
                    ids.toArray(String[]::new),
                    types.toArray(String[]::new),
                    categories.toArray(String[]::new),
                    subjects.toArray(String[]::new),
                    actors.toArray(String[]::new),
                    organizations.toArray(UUID[]::new),
                    times.toArray(OffsetDateTime[]::new),
                    payloads.toArray(String[]::new),
                    previousHashes.toArray(String[]::new),
                    hashes.toArray(String[]::new),
                    now));
        }
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
            String traceparent,
            String payload) {}
}
