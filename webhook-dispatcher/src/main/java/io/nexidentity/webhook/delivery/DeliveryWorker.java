package io.nexidentity.webhook.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import io.nexidentity.events.webhook.WebhookEvents;
import io.nexidentity.events.webhook.WebhookEvents.EndpointChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.webhook.config.WebhookConfig;
import io.nexidentity.webhook.endpoint.WebhookSecrets;
import io.nexidentity.webhook.signing.WebhookSigner;
import io.nexidentity.webhook.ssrf.AddressGuard;

/**
 * Delivers due deliveries. A delivery is claimed with a lease before it is sent: if this instance dies mid-delivery,
 * the lease runs out and the delivery is tried again, never silently dropped. Each attempt is recorded with its
 * outcome. At most {@code per-endpoint-concurrency} attempts go to one endpoint at a time, each with a timeout, so a
 * slow endpoint never holds back the others.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int CLAIM = 100;
    private static final int BODY_KEPT = 1024;

    private final Pool pool;
    private final Vertx vertx;
    private final WebClient http;
    private final AddressGuard addresses;
    private final WebhookSecrets secrets;
    private final RetryPolicy retries;
    private final OutboxWriter outbox;
    private final WebhookConfig config;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean wanted;
    private long timer = -1;

    DeliveryWorker(
            Pool pool,
            Vertx vertx,
            AddressGuard addresses,
            WebhookSecrets secrets,
            RetryPolicy retries,
            OutboxWriter outbox,
            WebhookConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.http = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setUserAgent("NexIdentity-Webhooks/1.0")
                        .setFollowRedirects(false)
                        .setMaxPoolSize(256)
                        .setConnectTimeout((int) config.requestTimeout().toMillis()));
        this.addresses = addresses;
        this.secrets = secrets;
        this.retries = retries;
        this.outbox = outbox;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Looks for due deliveries now (after a fan-out or a replay) instead of at the next poll. */
    public void wake() {
        wanted = true;
        if (polling.compareAndSet(false, true)) {
            poll();
        }
    }

    private void poll() {
        wanted = false;
        claim().subscribe()
                .with(
                        claimed -> {
                            claimed.forEach(this::send);
                            polling.set(false);
                            if (wanted || claimed.size() == CLAIM) {
                                wake();
                            }
                        },
                        failure -> {
                            LOG.warnf("claiming deliveries failed: %s", failure.toString());
                            polling.set(false);
                        });
    }

    private Uni<List<Claimed>> claim() {
        var lease = config.requestTimeout().multipliedBy(3).toMillis();
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        with due as (
                            select id from webhook_delivery
                            where (status in ('PENDING', 'RETRYING') and next_attempt_at <= now())
                               or (status = 'IN_FLIGHT' and lease_until < now())
                            order by next_attempt_at limit $1 for update skip locked)
                        update webhook_delivery d set status = 'IN_FLIGHT', attempts = d.attempts + 1,
                            lease_until = now() + ($2 || ' milliseconds')::interval, last_attempt_at = now()
                        from due where d.id = due.id
                        returning d.id, d.endpoint_id, d.event_id, d.payload, d.attempts""")
                .execute(Tuple.of(CLAIM, String.valueOf(lease)))
                .flatMap(rows -> {
                    var claimed = new ArrayList<Row>();
                    rows.forEach(claimed::add);
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(List.<Claimed>of());
                    }
                    var endpointIds = claimed.stream()
                            .map(row -> row.getUUID("endpoint_id"))
                            .distinct()
                            .toArray(UUID[]::new);
                    return targets(connection, endpointIds)
                            .map(targets -> claimed.stream()
                                    .map(row -> new Claimed(
                                            row.getUUID("id"),
                                            targets.get(row.getUUID("endpoint_id")),
                                            row.getString("event_id"),
                                            row.getString("payload"),
                                            row.getInteger("attempts")))
                                    .toList());
                }));
    }

    private Uni<Map<UUID, Target>> targets(SqlConnection connection, UUID[] endpointIds) {
        return connection
                .preparedQuery("select e.id, e.tenant_id, e.organization_id, e.url, e.enabled,"
                        + " e.ed25519_private_sealed, array_agg(s.sealed) filter (where s.id is not null) as secrets"
                        + " from webhook_endpoint e left join webhook_secret s on s.endpoint_id = e.id"
                        + " and (s.expires_at is null or s.expires_at > now()) where e.id = any($1) group by e.id")
                .execute(Tuple.of((Object) endpointIds))
                .map(rows -> {
                    var targets = new HashMap<UUID, Target>();
                    for (var row : rows) {
                        var id = row.getUUID("id");
                        var sealed = row.getArrayOfStrings("secrets");
                        targets.put(
                                id,
                                new Target(
                                        id,
                                        row.getUUID("tenant_id"),
                                        row.getUUID("organization_id"),
                                        row.getString("url"),
                                        row.getBoolean("enabled"),
                                        secrets.open(id, sealed == null ? List.of() : List.of(sealed)),
                                        secrets.openPrivateKey(id, row.getString("ed25519_private_sealed"))));
                    }
                    return targets;
                });
    }

    private void send(Claimed delivery) {
        var target = delivery.target();
        if (target == null || !target.enabled()) {
            record(delivery, null, 0, null, "the endpoint is disabled or gone", false)
                    .subscribe()
                    .with(x -> {}, this::log);
            return;
        }
        var slots = inFlight.computeIfAbsent(target.id(), id -> new AtomicInteger());
        if (slots.incrementAndGet() > config.perEndpointConcurrency()) {
            slots.decrementAndGet();
            postpone(delivery).subscribe().with(x -> {}, this::log);
            return;
        }
        var started = System.nanoTime();
        attempt(delivery)
                .eventually(slots::decrementAndGet)
                .subscribe()
                .with(
                        response -> record(
                                        delivery,
                                        response.statusCode(),
                                        elapsed(started),
                                        truncate(response.bodyAsString()),
                                        null,
                                        RetryPolicy.retryable(response.statusCode()),
                                        response.getHeader("Retry-After"))
                                .subscribe()
                                .with(x -> {}, this::log),
                        failure -> record(
                                        delivery,
                                        null,
                                        elapsed(started),
                                        null,
                                        failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                                        !(failure instanceof AddressGuard.RefusedTarget))
                                .subscribe()
                                .with(x -> {}, this::log));
    }

    /** One attempt: to the address just resolved and checked, never to a second lookup of the host. */
    private Uni<HttpResponse<Buffer>> attempt(Claimed delivery) {
        var uri = URI.create(delivery.target().url());
        var https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        var path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return addresses.resolve(delivery.target().url()).flatMap(address -> {
            var timestamp = clock.instant().getEpochSecond();
            var signature = WebhookSigner.signature(
                    delivery.eventId(),
                    timestamp,
                    delivery.payload(),
                    delivery.target().secrets(),
                    delivery.target().privateKey());
            return http.post(port, address.getHostAddress(), path)
                    .ssl(https)
                    .virtualHost(uri.getHost())
                    .timeout(config.requestTimeout().toMillis())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("webhook-id", delivery.eventId())
                    .putHeader("webhook-timestamp", String.valueOf(timestamp))
                    .putHeader("webhook-signature", signature)
                    .sendBuffer(Buffer.buffer(delivery.payload()));
        });
    }

    private Uni<Void> record(
            Claimed delivery, Integer status, int latency, String body, String error, boolean retryable) {
        return record(delivery, status, latency, body, error, retryable, null);
    }

    private Uni<Void> record(
            Claimed delivery,
            Integer status,
            int latency,
            String body,
            String error,
            boolean retryable,
            String retryAfter) {
        var now = clock.instant();
        var succeeded = status != null && status >= 200 && status < 300;
        var next = succeeded || !retryable ? null : retries.next(delivery.attempts(), now, retryAfter);
        var state = succeeded ? "SUCCEEDED" : next != null ? "RETRYING" : "FAILED";
        return pool.withTransaction(connection -> connection
                        .preparedQuery(
                                "insert into webhook_attempt (delivery_id, attempted_at, url, status_code, latency_ms,"
                                        + " response_body, error) values ($1, $2, $3, $4, $5, $6, $7)")
                        .execute(Tuple.from(Arrays.asList(
                                delivery.id(),
                                now.atOffset(ZoneOffset.UTC),
                                delivery.target() == null
                                        ? ""
                                        : delivery.target().url(),
                                status,
                                latency,
                                body,
                                error)))
                        .flatMap(inserted -> connection
                                .preparedQuery(
                                        "update webhook_delivery set status = $2, next_attempt_at = $3, lease_until = null"
                                                + " where id = $1")
                                .execute(Tuple.of(
                                        delivery.id(), state, next == null ? null : next.atOffset(ZoneOffset.UTC))))
                        .flatMap(updated -> delivery.target() == null
                                ? Uni.createFrom().voidItem()
                                : health(connection, delivery.target(), succeeded, now)))
                .replaceWithVoid();
    }

    /** Tracks how long an endpoint has been failing, and disables it once that is longer than allowed. */
    private Uni<Void> health(SqlConnection connection, Target target, boolean succeeded, Instant now) {
        if (succeeded) {
            return connection
                    .preparedQuery(
                            "update webhook_endpoint set failing_since = null where id = $1 and failing_since is not null")
                    .execute(Tuple.of(target.id()))
                    .replaceWithVoid();
        }
        var disableBefore = now.minus(config.disableAfter()).atOffset(ZoneOffset.UTC);
        var reason = "failing for more than " + config.disableAfter();
        return connection
                .preparedQuery("update webhook_endpoint set failing_since = coalesce(failing_since, $2) where id = $1")
                .execute(Tuple.of(target.id(), now.atOffset(ZoneOffset.UTC)))
                .flatMap(marked -> connection
                        .preparedQuery(
                                "update webhook_endpoint set enabled = false, disabled_reason = $3, updated_at = $4"
                                        + " where id = $1 and enabled and failing_since <= $2 returning id")
                        .execute(Tuple.of(target.id(), disableBefore, reason, now.atOffset(ZoneOffset.UTC))))
                .flatMap(disabled -> disabled.size() == 0
                        ? Uni.createFrom().voidItem()
                        : outbox.appendCommitted(
                                        WebhookEvents.ENDPOINT_DISABLED,
                                        target.id().toString(),
                                        target.tenantId().toString(),
                                        new EndpointChanged(
                                                target.id(),
                                                target.organizationId(),
                                                target.url(),
                                                List.of(),
                                                false,
                                                reason))
                                .replaceWithVoid());
    }

    private Uni<Void> postpone(Claimed delivery) {
        return pool.preparedQuery(
                        "update webhook_delivery set status = case when attempts > 1 then 'RETRYING' else 'PENDING' end,"
                                + " attempts = attempts - 1, lease_until = null, next_attempt_at = now() + interval '100 milliseconds'"
                                + " where id = $1")
                .execute(Tuple.of(delivery.id()))
                .replaceWithVoid();
    }

    private void log(Throwable failure) {
        LOG.errorf(failure, "recording a delivery attempt failed; its lease will expire and it will be tried again");
    }

    private static int elapsed(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }

    private static String truncate(String body) {
        return body == null || body.length() <= BODY_KEPT ? body : body.substring(0, BODY_KEPT);
    }

    private record Claimed(UUID id, Target target, String eventId, String payload, int attempts) {}

    private record Target(
            UUID id,
            UUID tenantId,
            UUID organizationId,
            String url,
            boolean enabled,
            List<String> secrets,
            String privateKey) {}
}
