package io.nexidentity.webhook.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.runtime.persistence.Ids;

/**
 * Turns every domain event into deliveries to the endpoints of its tenant that were subscribed to its type when it
 * happened. A Kafka batch becomes one insert; a delivery is unique per endpoint and event, so redelivered events add
 * nothing. The batch is acknowledged after the commit, so no event is lost.
 */
@ApplicationScoped
public class FanOutConsumer {

    private static final Logger LOG = Logger.getLogger(FanOutConsumer.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Pool pool;
    private final ObjectMapper mapper;
    private final DeliveryWorker worker;

    FanOutConsumer(Pool pool, ObjectMapper mapper, DeliveryWorker worker) {
        this.pool = pool;
        this.mapper = mapper;
        this.worker = worker;
    }

    @Incoming("webhook-events")
    public Uni<Void> fanOut(List<String> records) {
        var events = new LinkedHashMap<String, Event>();
        for (var record : records) {
            try {
                var json = mapper.readTree(record);
                if (json.hasNonNull("tenantid")
                        && json.hasNonNull("id")
                        && json.hasNonNull("type")
                        && json.hasNonNull("time")) {
                    var event = new Event(
                            json.get("id").asText(),
                            UUID.fromString(json.get("tenantid").asText()),
                            json.get("type").asText(),
                            Instant.parse(json.get("time").asText()),
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
        return pool.preparedQuery("select id, tenant_id, event_types, subscribed_since from webhook_endpoint"
                        + " where enabled and tenant_id = any($1)")
                .execute(Tuple.of((Object) tenants))
                .flatMap(rows -> {
                    var byTenant = new HashMap<UUID, List<Subscription>>();
                    for (var row : rows) {
                        byTenant.computeIfAbsent(row.getUUID("tenant_id"), t -> new ArrayList<>())
                                .add(new Subscription(
                                        row.getUUID("id"),
                                        read(row.getString("event_types")),
                                        row.getOffsetDateTime("subscribed_since")
                                                .toInstant()));
                    }
                    var deliveries = new ArrayList<Tuple>();
                    var now = OffsetDateTime.now(ZoneOffset.UTC);
                    for (var event : events.values()) {
                        for (var subscription : byTenant.getOrDefault(event.tenantId(), List.of())) {
                            if (subscription.matches(event)) {
                                deliveries.add(Tuple.from(List.of(
                                        Ids.newId(),
                                        subscription.endpointId(),
                                        event.tenantId(),
                                        event.id(),
                                        event.type(),
                                        event.time().atOffset(ZoneOffset.UTC),
                                        event.json(),
                                        now)));
                            }
                        }
                    }
                    if (deliveries.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return pool.preparedQuery("""
                                    insert into webhook_delivery (id, endpoint_id, tenant_id, event_id, event_type, event_time,
                                        payload, status, attempts, next_attempt_at, created_at)
                                    values ($1, $2, $3, $4, $5, $6, $7, 'PENDING', 0, $8, $8)
                                    on conflict (endpoint_id, event_id) where replay_of is null do nothing""")
                            .executeBatch(deliveries)
                            .invoke(worker::wake)
                            .replaceWithVoid();
                });
    }

    private List<String> read(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable event types", e);
        }
    }

    private record Event(String id, UUID tenantId, String type, Instant time, String json) {}

    /** An endpoint's subscription: delivered are events of its types that happened once it was subscribed. */
    private record Subscription(UUID endpointId, List<String> eventTypes, Instant since) {

        boolean matches(Event event) {
            return !event.time().isBefore(since)
                    && eventTypes.stream()
                            .anyMatch(pattern -> pattern.equals("*")
                                    || pattern.equals(event.type())
                                    || (pattern.endsWith("*")
                                            && event.type().startsWith(pattern.substring(0, pattern.length() - 1))));
        }
    }
}
