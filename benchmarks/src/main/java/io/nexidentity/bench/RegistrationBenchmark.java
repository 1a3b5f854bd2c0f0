package io.nexidentity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registers tenants through the tenant-service's public API, each response checked for 201, and reports the
 * latency of one registration (sequential) and the rate under a little concurrency.
 *
 * <p>Usage: {@code RegistrationBenchmark <base-url> [registrations]}
 */
public final class RegistrationBenchmark {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RegistrationBenchmark() {}

    public static void main(String[] args) throws Exception {
        var base = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;

        run(base, 30, 1);
        System.out.println(run(base, count, 1).report("registration", "tenants", 1));
        System.out.println(run(base, count, 4).report("registration", "tenants", 4));
    }

    private static Measurement run(String base, int count, int concurrency) throws Exception {
        var measurement = new Measurement();
        var workers = Executors.newFixedThreadPool(concurrency);
        measurement.start();
        var results = new ArrayList<Future<?>>();
        for (int i = 0; i < count; i++) {
            results.add(workers.submit(() -> {
                long started = System.nanoTime();
                register(base);
                measurement.record(System.nanoTime() - started);
                return null;
            }));
        }
        for (var result : results) {
            result.get();
        }
        measurement.end();
        workers.shutdown();
        return measurement;
    }

    private static void register(String base) throws Exception {
        var slug = "bench-" + UUID.randomUUID().toString().substring(0, 18);
        var body = """
                {"name":"Bench %1$s","slug":"%1$s","plan":"free",
                 "admin":{"email":"admin@%1$s.example","name":"Bench Admin","password":"correct horse battery staple"}}""".formatted(slug);
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/tenants"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 || !response.body().contains("\"tenant_id\"")) {
            throw new IllegalStateException("registration failed: " + response.statusCode() + " " + response.body());
        }
    }
}
