package io.nexidentity.webhook.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.events.webhook.WebhookEvents;
import io.nexidentity.events.webhook.WebhookEvents.ReplayRequested;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.security.TenantGuard;
import io.nexidentity.webhook.endpoint.EndpointService;

/**
 * Delivery history (every attempt, newest first, filterable) and replays. A replay is a new delivery linked to the
 * original ({@code replay_of}), signed afresh when it is sent, and audited.
 */
@ApplicationScoped
public class DeliveryHistory {

    private static final String DELIVERY =
            "id, endpoint_id, tenant_id, event_id, event_type, event_time, status, attempts,"
                    + " next_attempt_at, replay_of, created_at, last_attempt_at";

    private final Pool pool;
    private final EndpointService endpoints;
    private final TenantGuard guard;
    private final OutboxWriter outbox;
    private final DeliveryWorker worker;

    private final Clock clock;

    DeliveryHistory(
            Pool pool,
            EndpointService endpoints,
            TenantGuard guard,
            OutboxWriter outbox,
            DeliveryWorker worker,
            Clock clock) {
        this.pool = pool;
        this.endpoints = endpoints;
        this.guard = guard;
        this.outbox = outbox;
        this.worker = worker;
        this.clock = clock;
    }

    public Uni<Page<DeliveryView>> ofEndpoint(
            UUID endpointId, boolean failedOnly, Instant from, Instant to, UUID before, int limit) {
        return endpoints.owned(endpointId, "list_deliveries").flatMap(endpoint -> {
            var sql = new StringBuilder("select " + DELIVERY + " from webhook_delivery where endpoint_id = $1");
            var params = new ArrayList<Object>(List.of(endpointId));
            if (failedOnly) {
                sql.append(" and status = 'FAILED'");
            }
            condition(sql, params, "created_at >= ", from == null ? null : from.atOffset(ZoneOffset.UTC));
            condition(sql, params, "created_at < ", to == null ? null : to.atOffset(ZoneOffset.UTC));
            condition(sql, params, "id < ", before);
            params.add(limit + 1);
            sql.append(" order by id desc limit $").append(params.size());
            return pool.preparedQuery(sql.toString())
                    .execute(Tuple.from(params))
                    .map(rows -> {
                        var found = new ArrayList<DeliveryView>();
                        rows.forEach(row -> found.add(view(row, List.of())));
                        return Page.of(found, limit, DeliveryView::deliveryId, view -> view);
                    });
        });
    }

    public Uni<List<DeliveryView>> ofEvent(UUID tenantId, String eventId) {
        // An event's deliveries (found by the unique index), then their replays.
        return pool.preparedQuery("with original as (select " + DELIVERY + " from webhook_delivery"
                        + " where event_id = $2 and replay_of is null and tenant_id = $1)"
                        + " select * from original union all select " + DELIVERY + " from webhook_delivery"
                        + " where replay_of in (select id from original) order by id")
                .execute(Tuple.of(tenantId, eventId))
                .map(rows -> {
                    var found = new ArrayList<DeliveryView>();
                    rows.forEach(row -> found.add(view(row, List.of())));
                    return found;
                });
    }

    /** One delivery with all its attempts. */
    public Uni<DeliveryView> one(UUID deliveryId) {
        return owned(deliveryId, "read")
                .flatMap(delivery -> pool.preparedQuery(
                                "select attempted_at, url, status_code, latency_ms, response_body, error from webhook_attempt"
                                        + " where delivery_id = $1 order by id")
                        .execute(Tuple.of(deliveryId))
                        .map(rows -> {
                            var attempts = new ArrayList<AttemptView>();
                            rows.forEach(row -> attempts.add(new AttemptView(
                                    row.getOffsetDateTime("attempted_at").toInstant(),
                                    row.getString("url"),
                                    row.getInteger("status_code"),
                                    row.getInteger("latency_ms"),
                                    row.getString("response_body"),
                                    row.getString("error"))));
                            return delivery.withAttempts(attempts);
                        }));
    }

    /** Replays one delivery; replaying a replay replays its original again. */
    public Uni<DeliveryView> replay(UUID deliveryId) {
        return owned(deliveryId, "replay")
                .flatMap(delivery -> replayWhere(
                                delivery.endpointId(),
                                delivery.tenantId(),
                                "id = $2",
                                List.of(delivery.replayOf() == null ? deliveryId : delivery.replayOf()),
                                new ReplayRequested(delivery.endpointId(), "delivery", deliveryId, null, null, 1))
                        .flatMap(ids -> one(ids.get(0))));
    }

    /**
     * Replays an endpoint's deliveries created in {@code [from, to)}: all of them, or the failed ones only.
     *
     * @return how many deliveries were replayed
     */
    public Uni<Integer> replayEndpoint(UUID endpointId, Instant from, Instant to, boolean failedOnly) {
        return endpoints.owned(endpointId, "replay").flatMap(endpoint -> {
            var condition = "created_at >= $2 and created_at < $3" + (failedOnly ? " and status = 'FAILED'" : "");
            var until = to == null ? clock.instant() : to;
            return replayWhere(
                            endpointId,
                            endpoint.tenantId,
                            condition,
                            List.of(from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)),
                            new ReplayRequested(
                                    endpointId, failedOnly ? "failed_since" : "range", null, from, until, 0))
                    .map(List::size);
        });
    }

    private Uni<List<UUID>> replayWhere(
            UUID endpointId, UUID tenantId, String condition, List<Object> values, ReplayRequested request) {
        var params = new ArrayList<Object>(List.of(endpointId));
        params.addAll(values);
        var sql = "insert into webhook_delivery (id, endpoint_id, tenant_id, event_id, event_type, event_time,"
                + " status, attempts, next_attempt_at, replay_of, created_at)"
                + " select nexid_uuid_v7(), endpoint_id, tenant_id, event_id, event_type, event_time, 'PENDING', 0,"
                + " now(), id, now() from webhook_delivery where endpoint_id = $1 and replay_of is null and "
                + condition
                + " returning id";
        return pool.withTransaction(connection -> connection.preparedQuery(sql).execute(Tuple.from(params)))
                .map(rows -> {
                    var ids = new ArrayList<UUID>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return (List<UUID>) ids;
                })
                .call(ids -> outbox.appendCommitted(
                        WebhookEvents.REPLAY_REQUESTED,
                        endpointId.toString(),
                        tenantId.toString(),
                        new ReplayRequested(
                                request.endpointId(),
                                request.mode(),
                                request.deliveryId(),
                                request.from(),
                                request.to(),
                                ids.size())))
                .invoke(ids -> worker.wake());
    }

    private Uni<DeliveryView> owned(UUID deliveryId, String operation) {
        return pool.preparedQuery("select " + DELIVERY + " from webhook_delivery where id = $1")
                .execute(Tuple.of(deliveryId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next(), List.of()))
                .flatMap(delivery -> guard.requireOwned(
                        "webhook_delivery", deliveryId, delivery, DeliveryView::tenantId, operation));
    }

    private static void condition(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" and ").append(condition).append('$').append(params.size());
        }
    }

    private static DeliveryView view(Row row, List<AttemptView> attempts) {
        var next = row.getOffsetDateTime("next_attempt_at");
        var last = row.getOffsetDateTime("last_attempt_at");
        return new DeliveryView(
                row.getUUID("id"),
                row.getUUID("endpoint_id"),
                row.getUUID("tenant_id"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getOffsetDateTime("event_time").toInstant(),
                row.getString("status").toLowerCase(Locale.ROOT),
                row.getInteger("attempts"),
                next == null ? null : next.toInstant(),
                row.getUUID("replay_of"),
                row.getOffsetDateTime("created_at").toInstant(),
                last == null ? null : last.toInstant(),
                attempts);
    }

    public record DeliveryView(
            UUID deliveryId,
            UUID endpointId,
            UUID tenantId,
            String eventId,
            String eventType,
            Instant eventTime,
            String status,
            int attempts,
            Instant nextAttemptAt,
            UUID replayOf,
            Instant createdAt,
            Instant lastAttemptAt,
            List<AttemptView> attemptHistory) {

        DeliveryView withAttempts(List<AttemptView> history) {
            return new DeliveryView(
                    deliveryId,
                    endpointId,
                    tenantId,
                    eventId,
                    eventType,
                    eventTime,
                    status,
                    attempts,
                    nextAttemptAt,
                    replayOf,
                    createdAt,
                    lastAttemptAt,
                    history);
        }
    }

    public record AttemptView(
            Instant attemptedAt, String url, Integer statusCode, int latencyMs, String responseBody, String error) {}
}
