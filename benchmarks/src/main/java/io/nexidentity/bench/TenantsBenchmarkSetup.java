package io.nexidentity.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.nexidentity.quickstart.PlatformApi;

/**
 * Prepares the many-tenants token benchmark: registers {@code count} tenants (a few at a time), and has each tenant's
 * bootstrap client take its first token from its own issuer — the issuer's first use, which creates the tenant's keys
 * — measuring that first token. Writes the tenants' token paths and Basic credentials as a Lua table for wrk, which then
 * asks every tenant's issuer in turn.
 *
 * <p>Usage: {@code TenantsBenchmarkSetup <tenant-url> <count> <lua-file>}
 */
public final class TenantsBenchmarkSetup {

    private static final int CONCURRENCY = 4;

    private TenantsBenchmarkSetup() {}

    public static void main(String[] args) throws Exception {
        var tenantUrl = args[0];
        var count = Integer.parseInt(args[1]);
        var entries = Collections.synchronizedList(new ArrayList<String>());
        var firstTokens = new Measurement();
        var workers = Executors.newFixedThreadPool(CONCURRENCY);
        var results = new ArrayList<Future<?>>();
        firstTokens.start();
        for (int i = 0; i < count; i++) {
            results.add(workers.submit(() -> {
                entries.add(tenant(tenantUrl, firstTokens));
                return null;
            }));
        }
        for (var result : results) {
            result.get();
        }
        firstTokens.end();
        workers.shutdown();
        Files.writeString(Path.of(args[2]), lua(entries), StandardCharsets.UTF_8);
        System.out.println(firstTokens.report("first token of a new issuer (its keys created)", "tokens", CONCURRENCY));
    }

    private static String tenant(String tenantUrl, Measurement firstTokens) throws Exception {
        var slug = "many-" + UUID.randomUUID().toString().substring(0, 18);
        var tenant = PlatformApi.post(tenantUrl + "/v1/tenants", null, """
                {"name":"%1$s","slug":"%1$s","plan":"free",
                 "admin":{"email":"admin@%1$s.example","name":"Ada Admin","password":"%2$s"}}""".formatted(slug, PlatformApi.ADMIN_PASSWORD));
        var issuer = tenant.get("issuer").asText();
        var bootstrap = tenant.get("bootstrap_credential");
        var clientId = bootstrap.get("client_id").asText();
        var secret = bootstrap.get("client_secret").asText();
        long started = System.nanoTime();
        PlatformApi.clientCredentials(issuer, clientId, secret);
        firstTokens.record(System.nanoTime() - started);
        return "{\"%s/token\",\"Basic %s\"}"
                .formatted(URI.create(issuer).getPath(), PlatformApi.basic(clientId, secret));
    }

    private static String lua(List<String> entries) {
        return "tenants = {\n" + String.join(",\n", entries) + "\n}\n";
    }
}
