package io.nexidentity.webhook.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.events.EventHeader;
import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.runtime.persistence.Ids;

/**
 * Turns every domain event into deliveries to the endpoints of its tenant that were subscribed to its type when it
 * happened. A Kafka batch becomes one insert; a delivery is unique per endpoint and event, so redelivered events add
 * nothing. The batch is acknowledged after the commit, so no event is lost. Endpoints change while a batch is matched
 * (a tenant may delete one right after creating it): the insert keeps only deliveries to endpoints still enabled with
 * the subscription they were matched by, and holds those rows until the commit, so a change never fails the batch.
 */
@ApplicationScoped
public class FanOutConsumer {

    static final String CONSUMER = "webhook-fan-out";
    private static final Logger LOG = Logger.getLogger(FanOutConsumer.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Pool pool;
    private final ObjectMapper mapper;
    private final DeliveryWorker worker;
    private final ConsumerGuard guard;
    private final Clock clock;

    FanOutConsumer(Pool pool, ObjectMapper mapper, DeliveryWorker worker, ConsumerGuard guard, Clock clock) {
        this.pool = pool;
        this.mapper = mapper;
        this.worker = worker;
        this.guard = guard;
        this.clock = clock;
    }

    @Incoming("webhook-events")
    public Uni<Void> fanOut(List<String> records) {
        return guard.applyBatch(CONSUMER, records, this::fanOutBatch);
    }

    private Uni<Void> fanOutBatch(List<String> records) {
        var events = new LinkedHashMap<String, Event>();
        for (var record : records) {
            try {
                var header = EventHeader.read(record);
                if (header.tenantId() != null) {
                    var event = new Event(
                            header.id(),
                            UUID.fromString(header.tenantId()),
                            header.organizationId(),
                            header.type(),
                            header.time(),
                            record);
                    events.putIfAbsent(event.id(), event);
                }
            } catch (Exception e) {
                LOG.warnf("skipping a record that is not a CloudEvent: %s", e.getMessage());
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var tenants = events.values().stream().map(Event::tenantId).distinct().toArray(UUID[]::new);
        return pool.preparedQuery(
                        "select id, tenant_id, organization_id, event_types, subscribed_since from webhook_endpoint"
                                + " where enabled and tenant_id = any($1)")
                .execute(Tuple.of((Object) tenants))
                .flatMap(rows -> {
                    var byTenant = new HashMap<UUID, List<Subscription>>();
                    for (var row : rows) {
                        byTenant.computeIfAbsent(row.getUUID("tenant_id"), t -> new ArrayList<>())
                                .add(new Subscription(
                                        row.getUUID("id"),
                                        row.getUUID("organization_id"),
                                        read(row.getString("event_types")),
                                        row.getOffsetDateTime("subscribed_since")
                                                .toInstant()));
                    }
                    var deliveries = new Deliveries();
                    for (var event : events.values()) {
                        for (var subscription : byTenant.getOrDefault(event.tenantId(), List.of())) {
                            if (subscription.matches(event)) {
                                deliveries.add(subscription, event);
                            }
                        }
                    }
                    if (deliveries.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return worker.admit(deliveries.size(), claimed -> store(deliveries, events, claimed));
                });
    }

    /**
     * Stores the batch's new deliveries, and once each event they carry. When the worker has room for them they are
     * stored already claimed by it (and sent right after the commit), which spares each delivery a round through the
     * due queue. Deliveries to endpoints deleted, disabled or resubscribed since they were matched are left out; the
     * endpoints kept are locked (share) until the commit, so none can be deleted under the insert.
     */
    private Uni<List<DeliveryWorker.Stored>> store(
            Deliveries deliveries, Map<String, Event> events, Optional<Duration> claimedWithLease) {
        var lease = claimedWithLease.map(Duration::toMillis).orElse(-1L);
        return pool.preparedQuery("""
                        with e as (
                            select * from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
                                with ordinality as e(tenant_id, event_id, event_type, event_time, payload, n)),
                        live as (
                            select ep.id from webhook_endpoint ep
                            join unnest($11::uuid[], $12::timestamptz[]) as m(id, since)
                                on m.id = ep.id and m.since = ep.subscribed_since
                            where ep.enabled for share of ep),
                        d as (
                            select * from unnest($6::uuid[], $7::uuid[], $8::int[]) as d(id, endpoint_id, n)
                            where endpoint_id in (select id from live)),
                        stored_event as (
                            insert into webhook_event (tenant_id, event_id, payload)
                            select tenant_id, event_id, payload from e where n in (select n from d)
                            on conflict do nothing)
                        insert into webhook_delivery (id, endpoint_id, tenant_id, event_id, event_type, event_time,
                            status, attempts, next_attempt_at, lease_until, last_attempt_at, created_at)
                        select d.id, d.endpoint_id, e.tenant_id, e.event_id, e.event_type, e.event_time,
                            case when $10 >= 0 then 'IN_FLIGHT' else 'PENDING' end, case when $10 >= 0 then 1 else 0 end,
                            case when $10 >= 0 then $9 + $10 * interval '1 millisecond' else $9 end,
                            case when $10 >= 0 then $9 + $10 * interval '1 millisecond' end,
                            case when $10 >= 0 then $9 end, $9
                        from d join e on e.n = d.n
                        on conflict (endpoint_id, event_id) where replay_of is null do nothing
                        returning id, endpoint_id, event_id, attempts""")
                .execute(deliveries.tuple(clock.instant().atOffset(ZoneOffset.UTC), lease))
                .map(rows -> {
                    // The payload is not read back: the batch's events hold it already, once per event.
                    var stored = new ArrayList<DeliveryWorker.Stored>();
                    for (var row : rows) {
                        var eventId = row.getString("event_id");
                        stored.add(new DeliveryWorker.Stored(
                                row.getUUID("id"),
                                row.getUUID("endpoint_id"),
                                eventId,
                                events.get(eventId).json(),
                                row.getInteger("attempts")));
                    }
                    return stored;
                });
    }

    private List<String> read(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable event types", e);
        }
    }

    /** {@code organizationId} null: an event of the tenant as a whole. */
    private record Event(String id, UUID tenantId, UUID organizationId, String type, Instant time, String json) {}

    /**
     * New deliveries as column arrays, their events once each (a delivery names its event by position): one statement
     * stores a whole batch.
     */
    private static final class Deliveries {
        private final Map<String, Integer> positions = new HashMap<>();
        private final List<Event> events = new ArrayList<>();
        private final List<UUID> ids = new ArrayList<>();
        private final List<UUID> endpoints = new ArrayList<>();
        private final List<Integer> eventPositions = new ArrayList<>();
        private final Map<UUID, Instant> matchedSince = new LinkedHashMap<>();

        void add(Subscription subscription, Event event) {
            ids.add(Ids.newId());
            endpoints.add(subscription.endpointId());
            matchedSince.put(subscription.endpointId(), subscription.since());
            eventPositions.add(positions.computeIfAbsent(event.id(), id -> {
                events.add(event);
                return events.size();
            }));
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        int size() {
            return ids.size();
        }

        Tuple tuple(OffsetDateTime now, long leaseMillis) {
            return Tuple.from(new Object[] {
                events.stream().map(Event::tenantId).toArray(UUID[]::new),
                events.stream().map(Event::id).toArray(String[]::new),
                events.stream().map(Event::type).toArray(String[]::new),
                events.stream()
                        .map(event -> event.time().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new),
                events.stream().map(Event::json).toArray(String[]::new),
                ids.toArray(UUID[]::new),
                endpoints.toArray(UUID[]::new),
                eventPositions.toArray(Integer[]::new),
                now,
                leaseMillis,
                matchedSince.keySet().toArray(UUID[]::new),
                matchedSince.values().stream()
                        .map(since -> since.atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new)
            });
        }
    }

    /**
     * An endpoint's subscription: delivered are events of its types that happened once it was subscribed, about its
     * own organization or about the tenant as a whole (never about another organization of the tenant).
     */
    private record Subscription(UUID endpointId, UUID organizationId, List<String> eventTypes, Instant since) {

        boolean matches(Event event) {
            return !event.time().isBefore(since)
                    && (event.organizationId() == null || event.organizationId().equals(organizationId))
                    && eventTypes.stream()
                            .anyMatch(pattern -> pattern.equals("*")
                                    || pattern.equals(event.type())
                                    || (pattern.endsWith("*")
                                            && event.type().startsWith(pattern.substring(0, pattern.length() - 1))));
        }
    }
}
