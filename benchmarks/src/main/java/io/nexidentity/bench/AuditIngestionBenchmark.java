package io.nexidentity.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end audit ingestion: CloudEvents produced to the real auth topic (many tenants, like the platform would), stored
 * by the running audit-service, measured in its database. After a warm-up burst of 100,000 events, two runs: a burst of
 * {@code burst} events as fast as Kafka takes them (ingestion rate), then {@code rate} events/s for {@code seconds} (lag
 * from the event's time to its storage, p50 and p99).
 *
 * <p>Usage: {@code AuditIngestionBenchmark <bootstrap> <jdbc-url> [burst] [rate] [seconds]}
 */
public final class AuditIngestionBenchmark {

    private static final int TENANTS = 200;
    private static final int WARM_UP = 100_000;
    private static final String GROUP = "audit-service.ingestion";

    private AuditIngestionBenchmark() {}

    public static void main(String[] args) throws Exception {
        var bootstrap = args[0];
        var jdbc = args[1];
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        var tenants = new UUID[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = UUID.randomUUID();
        }
        try (var producer = producer(bootstrap);
                var db = DriverManager.getConnection(jdbc, "postgres", "")) {
            ConsumerLag.awaitCaughtUp(bootstrap, GROUP);
            var run = UUID.randomUUID().toString().substring(0, 8);
            // A first burst, not measured, warms the audit-service's JIT up: a cold service compiles while it ingests.
            for (int i = 0; i < WARM_UP; i++) {
                send(producer, tenants[i % TENANTS], run + "-w-" + i, i);
            }
            producer.flush();
            awaitStored(db, tenants, WARM_UP);
            long start = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                send(producer, tenants[i % TENANTS], run + "-b-" + i, i);
            }
            producer.flush();
            var stored = awaitStored(db, tenants, WARM_UP + burst);
            double elapsed = (stored - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "audit: %.0f events/s ingested end to end (burst of %d events from %d tenants, %d cores)%n",
                    burst / elapsed,
                    burst,
                    TENANTS,
                    Runtime.getRuntime().availableProcessors());

            long paced = (long) rate * seconds;
            long begin = System.nanoTime();
            for (long i = 0; i < paced; ) {
                long wait = begin + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    // Events go out each millisecond, the producer sleeping in between: a producer spinning or
                    // waking for every event would take a core from what it measures.
                    LockSupport.parkNanos(Math.max(wait, 1_000_000));
                    continue;
                }
                send(producer, tenants[(int) (i % TENANTS)], run + "-p-" + i, i);
                i++;
            }
            producer.flush();
            awaitStored(db, tenants, WARM_UP + burst + paced);
            try (var query = db.prepareStatement(
                    "select percentile_cont(0.5) within group (order by lag), percentile_cont(0.99) within group (order by lag)"
                            + " from (select extract(epoch from ingested_at - occurred_at) * 1000 as lag from audit_event"
                            + " where tenant_id = any(?) and event_id like ?) l")) {
                query.setArray(1, db.createArrayOf("uuid", tenants));
                query.setString(2, run + "-p-%");
                try (var result = query.executeQuery()) {
                    result.next();
                    System.out.printf(
                            Locale.ROOT,
                            "audit: %d events/s sustained for %d s, lag p50 %.0f ms, p99 lag %.0f ms%n",
                            rate,
                            seconds,
                            result.getDouble(1),
                            result.getDouble(2));
                }
            }
        }
    }

    private static void send(KafkaProducer<String, String> producer, UUID tenant, String id, long i) {
        var json = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/nexid/bench\","
                + "\"type\":\"nexid.token.issued.v1\",\"subject\":\"jti-" + i + "\",\"time\":\"" + Instant.now()
                + "\",\"datacontenttype\":\"application/json\",\"tenantid\":\"" + tenant + "\","
                + "\"data\":{\"grant_type\":\"client_credentials\",\"client_id\":\"nxc-bench\",\"scope\":\"orders:read\"}}";
        // Token issuance is the platform's busiest event; it travels on the auth topic like the real ones.
        producer.send(new ProducerRecord<>("nexid.auth.v1", tenant.toString(), json));
    }

    /**
     * Waits until the bench's tenants' chains hold this many events; returns when (nanoTime). The chain heads count
     * them: polling a count over the whole (growing) event table would load the database being measured.
     */
    private static long awaitStored(Connection db, UUID[] tenants, long expected) throws Exception {
        try (var count = db.prepareStatement(
                "select coalesce(sum(last_index), 0) from audit_chain_head where tenant_id = any(?)")) {
            count.setArray(1, db.createArrayOf("uuid", tenants));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                try (var result = count.executeQuery()) {
                    result.next();
                    if (result.getLong(1) >= expected) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the audit-service did not store " + expected + " events in 5 minutes");
    }

    /** Fills the topic as fast as it can (batches of up to 50 ms): what the audit-service ingests is measured. */
    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG,
                50,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.ACKS_CONFIG,
                "all"));
    }
}
