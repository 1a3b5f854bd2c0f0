package io.nexidentity.bench;

import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.nexidentity.quickstart.PlatformApi;

/**
 * End-to-end webhook delivery: a tenant registers {@code endpoints} endpoints (through the admin API) on a receiver on
 * loopback, then {@code events} CloudEvents of a subscribed type are produced to the real topic. Measured is the time
 * from the first event produced until every delivery has reached the receiver and every attempt is recorded in the
 * dispatcher's database.
 *
 * <p>Usage: {@code WebhookDeliveryBenchmark <token-url> <tenant-url> <webhook-url> <bootstrap> <jdbc-url> [events]
 * [endpoints]}
 */
public final class WebhookDeliveryBenchmark {

    private WebhookDeliveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 5 ? Integer.parseInt(args[5]) : 5_000;
        int endpoints = args.length > 6 ? Integer.parseInt(args[6]) : 20;
        long expected = (long) events * endpoints;
        var received = new LongAdder();
        var distinct = ConcurrentHashMap.<String>newKeySet();
        // One event loop: the receiver takes as little of the machine as it can, the dispatcher is what is measured.
        var vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        var receiver = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    var id = request.getHeader("webhook-id");
                    var signature = request.getHeader("webhook-signature");
                    if (request.path().startsWith("/hooks/")
                            && id != null
                            && signature != null
                            && signature.startsWith("v1,")) {
                        received.increment();
                        distinct.add(request.path() + " " + id);
                        request.response().setStatusCode(204).end();
                    } else {
                        request.response().setStatusCode(400).end();
                    }
                }))
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        var tenant = PlatformApi.registerTenant(args[0], args[1], "bench", "enterprise");
        var registered = new ArrayList<String>();
        try {
            for (int i = 0; i < endpoints; i++) {
                registered.add(PlatformApi.post(args[2] + "/v1/webhook-endpoints", tenant.adminToken(), """
                                {"organization_id":"%s","url":"http://127.0.0.1:%d/hooks/%d","event_types":["nexid.token.*"]}""".formatted(
                                        tenant.organizationId(), receiver.actualPort(), i))
                        .get("endpoint_id")
                        .asText());
            }
            try (var producer = producer(args[3]);
                    var db = DriverManager.getConnection(args[4], "postgres", "")) {
                try (var vacuum = db.createStatement()) {
                    // Earlier runs' deliveries were deleted with their endpoints; where autovacuum is off (as on
                    // some CI databases) their dead rows would otherwise slow this run down.
                    vacuum.execute("vacuum analyze webhook_event, webhook_delivery, webhook_attempt");
                }
                ConsumerLag.awaitCaughtUp(args[3], "webhook-dispatcher.fan-out");
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    producer.send(new ProducerRecord<>("nexid.auth.v1", tenant.tenantId(), event(tenant, i)));
                }
                producer.flush();
                awaitReceived(distinct, expected);
                long delivered = awaitRecorded(db, tenant.tenantId(), expected);
                double seconds = (delivered - start) / 1e9;
                if (distinct.size() < expected) {
                    throw new IllegalStateException("the receiver got " + distinct.size() + " of " + expected
                            + " deliveries although every attempt is recorded");
                }
                System.out.printf(
                        Locale.ROOT,
                        "webhooks: %.0f deliveries/s (%d events x %d endpoints, %d requests received, every attempt"
                                + " recorded; %d cores shared by Kafka, PostgreSQL, the services, the producer and the"
                                + " receiver)%n",
                        expected / seconds,
                        events,
                        endpoints,
                        received.sum(),
                        Runtime.getRuntime().availableProcessors());
            }
        } finally {
            // The receiver goes away with this run: its endpoints (and their history) go too. A machine's admin token
            // lasts minutes: the run may have outlived the first one.
            var admin = PlatformApi.clientCredentials(
                    tenant.issuer(), tenant.bootstrapClientId(), tenant.bootstrapSecret());
            for (var id : registered) {
                PlatformApi.delete(args[2] + "/v1/webhook-endpoints/" + id, admin);
            }
            vertx.close();
            System.exit(0);
        }
    }

    private static String event(PlatformApi.Tenant tenant, int i) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/nexid/bench\","
                + "\"type\":\"nexid.token.issued.v1\",\"subject\":\"jti-" + i + "\",\"time\":\"" + Instant.now()
                + "\",\"datacontenttype\":\"application/json\",\"tenantid\":\"" + tenant.tenantId() + "\","
                + "\"data\":{\"grant_type\":\"client_credentials\",\"client_id\":\"nxc-bench\","
                + "\"organization_id\":\"" + tenant.organizationId() + "\",\"scope\":\"orders:read\"}}";
    }

    /**
     * Waits until the receiver has every delivery, before the database is asked: counting the attempts over and over
     * while they are written would take PostgreSQL's time from the dispatcher.
     */
    private static void awaitReceived(Set<String> distinct, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (distinct.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Waits until this many successful attempts of the tenant's deliveries are recorded; returns when (nanoTime). */
    private static long awaitRecorded(java.sql.Connection db, String tenantId, long expected) throws Exception {
        try (var count = db.prepareStatement("select count(*) from webhook_attempt a join webhook_delivery d"
                + " on d.id = a.delivery_id where d.tenant_id = ?::uuid and a.status_code = 204")) {
            count.setString(1, tenantId);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            long seen = 0;
            while (System.nanoTime() < deadline) {
                try (var result = count.executeQuery()) {
                    result.next();
                    seen = result.getLong(1);
                    if (seen >= expected) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException(
                    "only " + seen + " of " + expected + " delivery attempts were recorded in 10 minutes");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.ACKS_CONFIG,
                "all"));
    }
}
