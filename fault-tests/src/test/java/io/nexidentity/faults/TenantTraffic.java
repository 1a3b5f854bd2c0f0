package io.nexidentity.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nexidentity.quickstart.HostedPages;
import io.nexidentity.quickstart.PlatformApi;
import io.nexidentity.quickstart.WebhookReceiver;

/**
 * One tenant's traffic, as its apps make it: machines getting tokens by client credentials and people signing in on
 * the hosted pages (Authorization Code + PKCE), every answer recorded — the token ids issued, the sign-ins completed,
 * the requests that failed — and a webhook receiver subscribed to those events. What the audit store and the receiver
 * hold afterwards is compared with what was answered.
 */
final class TenantTraffic implements AutoCloseable {

    static final String TOKEN_ISSUED = "nexid.token.issued.v1";
    static final String SIGNED_IN = "nexid.sign_in.succeeded.v1";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultPlatform platform;
    private final PlatformApi.Tenant tenant;
    private final JsonNode machine;
    private final JsonNode web;
    private final String endpointId;
    private final WebhookReceiver receiver;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger signIns = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    private TenantTraffic(
            FaultPlatform platform,
            PlatformApi.Tenant tenant,
            JsonNode machine,
            JsonNode web,
            String endpointId,
            WebhookReceiver receiver) {
        this.platform = platform;
        this.tenant = tenant;
        this.machine = machine;
        this.web = web;
        this.endpointId = endpointId;
        this.receiver = receiver;
    }

    /** A new tenant with an application, a machine client, a web client and a webhook endpoint on its receiver. */
    static TenantTraffic register(FaultPlatform platform) throws Exception {
        var tenant = PlatformApi.registerTenant(
                platform.url("token-service"), platform.url("tenant-service"), "faults", "evaluation");
        var receiver = new WebhookReceiver();
        var endpoint = PlatformApi.post(
                platform.url("webhook-dispatcher") + "/v1/webhook-endpoints", tenant.adminToken(), """
                {"organization_id":"%s","url":"%s","event_types":["%s","%s"]}""".formatted(
                                tenant.organizationId(), receiver.url(), TOKEN_ISSUED, SIGNED_IN));
        receiver.trust(endpoint.get("secret").asText());
        var application = PlatformApi.post(
                platform.url("application-service") + "/v1/applications", tenant.adminToken(), """
                {"organization_id":"%s","name":"Faults","api_scopes":[{"name":"orders:read"}]}""".formatted(
                                tenant.organizationId()));
        var applicationId = application.get("application_id").asText();
        var clients = platform.url("client-service") + "/v1/clients";
        var machine = PlatformApi.post(clients, tenant.adminToken(), """
                {"application_id":"%s","name":"backend","profile":"automation","scopes":["orders:read"]}""".formatted(applicationId));
        var web = PlatformApi.post(clients, tenant.adminToken(), """
                {"application_id":"%s","name":"web","profile":"interactive_web","redirect_uris":["%s"]}""".formatted(applicationId, HostedPages.CALLBACK));
        return new TenantTraffic(
                platform, tenant, machine, web, endpoint.get("endpoint_id").asText(), receiver);
    }

    PlatformApi.Tenant tenant() {
        return tenant;
    }

    String endpointId() {
        return endpointId;
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    /**
     * Starts {@code machines} threads requesting client-credentials tokens (each pausing {@code pause} between
     * requests) and, with {@code signingIn}, one thread signing the tenant's admin in again and again.
     */
    void start(int machines, Duration pause, boolean signingIn) {
        running = true;
        for (int i = 0; i < machines; i++) {
            workers.add(worker("machine-" + i, () -> repeat(this::oneMachineToken, pause)));
        }
        if (signingIn) {
            workers.add(worker("sign-ins", () -> repeat(this::signIn, Duration.ZERO)));
        }
    }

    /** Stops the traffic and waits for the requests in flight to be answered. */
    void stop() throws InterruptedException {
        running = false;
        for (var worker : workers) {
            worker.join(60_000);
        }
        workers.clear();
    }

    /** Token ids of every token answered. */
    Set<String> issued() {
        return Set.copyOf(issued);
    }

    int signIns() {
        return signIns.get();
    }

    /** The requests that did not get their answer, with what they got instead. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * How many times the tenant's audit trail holds each subject of events of {@code type} (the token id of an issued
     * token, the user of a sign-in): every page of the audit API.
     */
    Map<String, Integer> audited(String type) throws Exception {
        var counts = new HashMap<String, Integer>();
        String cursor = null;
        do {
            var page = PlatformApi.get(
                    platform.url("audit-service") + "/v1/audit-events?limit=500&type=" + type
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    tenant.adminToken());
            page.get("items").forEach(event -> counts.merge(event.get("subject").asText(), 1, Integer::sum));
            var next = page.path("next_cursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (cursor != null);
        return counts;
    }

    /** How many deliveries the receiver verified for each subject of events of {@code type}, one per webhook-id. */
    Map<String, Integer> delivered(String type) {
        var counts = new HashMap<String, Integer>();
        receiver.receipts().values().stream()
                .map(receipts -> receipts.get(0))
                .filter(receipt -> receipt.type().equals(type))
                .forEach(receipt -> counts.merge(receipt.subject(), 1, Integer::sum));
        return counts;
    }

    /** What was answered and received, for the test's report. */
    String summary() {
        return issued.size() + " tokens issued (" + signIns.get() + " by sign-in), " + failures.size()
                + " requests failed, " + receiver.receipts().size() + " webhook-ids received, "
                + deliveredTwice().size() + " of them more than once";
    }

    /** Webhook-ids the receiver accepted more than once. */
    List<String> deliveredTwice() {
        return receiver.receipts().entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Thread worker(String name, Runnable work) {
        var thread = new Thread(work, name);
        thread.start();
        return thread;
    }

    private void repeat(Request request, Duration pause) {
        while (running) {
            try {
                request.send();
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.add(Thread.currentThread().getName() + ": " + e);
            }
        }
    }

    /** A client-credentials token (by the traffic threads, or a test itself); its token id. */
    String oneMachineToken() throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(tenant.issuer() + "/token"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + PlatformApi.basic(
                                                machine.get("client_id").asText(),
                                                machine.get("client_secret").asText()))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + " " + response.body());
        }
        var id = tokenId(JSON.readTree(response.body()).get("access_token").asText());
        issued.add(id);
        return id;
    }

    private String signIn() throws Exception {
        var tokens =
                new HostedPages(tenant.issuer()).signIn(web, tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD, "openid");
        var id = tokenId(tokens.get("access_token").asText());
        issued.add(id);
        signIns.incrementAndGet();
        return id;
    }

    private static String tokenId(String jwt) throws Exception {
        var payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JSON.readTree(new String(payload, StandardCharsets.UTF_8))
                .get("jti")
                .asText();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        receiver.close();
    }

    @FunctionalInterface
    private interface Request {
        String send() throws Exception;
    }
}
