package io.nexidentity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;

/**
 * The packaged token-service killed with SIGKILL while it issues tokens as fast as four clients can ask: every token a
 * client received has its {@code nexid.token.issued.v1} event, because an answer leaves only once its event is durable
 * (in Kafka, or in the outbox, which the restarted instance relays).
 */
class CrashIT {

    private static final PlatformTestStack STACK = new PlatformTestStack();
    private static final int CLIENTS = 4;
    private static final int TOKENS_BEFORE_THE_KILL = 1_500;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Process instance;

    @BeforeAll
    static void start() {
        STACK.init(Map.of(
                "services", "tenant-service,application-service,client-service", "issuer", "service-under-test"));
        STACK.start();
        instance =
                STACK.launchModuleInstance(PlatformTestStack.serviceUnderTestPort(), "nexid.token.mtls.enabled=false");
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = PlatformTestStack.serviceUnderTestPort();
    }

    @AfterAll
    static void stop() {
        STACK.stop();
        RestAssured.reset();
    }

    @Test
    void killWhenIssuingUnderLoadThenEveryTokenAnsweredHasItsEvent() throws Exception {
        var fixture = TokenFixture.start("pro");
        var client = fixture.automationClient(fixture.application().getString("application_id"), "ES256");
        var credentials = Base64.getEncoder()
                .encodeToString((client.getString("client_id") + ":" + client.getString("client_secret"))
                        .getBytes(StandardCharsets.UTF_8));
        var mark = EventLog.mark(Topic.AUTH);
        var answered = ConcurrentHashMap.<String>newKeySet();

        var load = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            load.submit(() -> issueUntilRefused(fixture.issuer(), credentials, answered));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= TOKENS_BEFORE_THE_KILL);
        instance.destroyForcibly();
        instance.waitFor();
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        // The next instance relays what the killed one had committed to the outbox.
        STACK.launchModuleInstance(
                PlatformTestStack.serviceUnderTestPort(),
                "nexid.token.mtls.enabled=false",
                "quarkus.flyway.clean-at-start=false");

        var tokens = Set.copyOf(answered);
        var audited = mark.awaitSubjects(fixture.tenant().tenantId(), "nexid.token.issued.v1", tokens);
        var missing = new HashSet<>(tokens);
        missing.removeAll(audited);
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(TOKENS_BEFORE_THE_KILL);
        assertThat(missing).as("tokens answered without their event").isEmpty();
    }

    /** Asks the issuer for tokens until the instance stops answering; records the jti of every token received. */
    private static void issueUntilRefused(String issuer, String credentials, Set<String> answered) {
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        while (true) {
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return;
                }
                answered.add(jti(
                        MAPPER.readTree(response.body()).path("access_token").asText()));
            } catch (Exception e) {
                return;
            }
        }
    }

    private static String jti(String jwt) throws Exception {
        var payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return MAPPER.readTree(payload).path("jti").asText();
    }
}
