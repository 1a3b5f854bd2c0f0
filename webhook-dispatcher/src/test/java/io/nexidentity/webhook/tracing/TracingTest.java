package io.nexidentity.webhook.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.contract.TenantFixture;
import io.nexidentity.webhook.Receiver;

/**
 * With tracing turned on (the one property), a request's trace goes on through the event it caused, however late that
 * event is consumed: the event carries the request's {@code traceparent}, and each webhook attempt delivering it is a
 * span of that same trace, child of the span that caused the event.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service"))
class TracingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Receiver RECEIVER = new Receiver();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void traceWhenARequestCausesAnEventThenTheEventCarriesItAndEachWebhookAttemptContinuesIt() throws Exception {
        var tenant = TenantFixture.register("pro", PlatformTestStack.url("tenant-service"));
        var path = "/traced";
        tenant.admin()
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        RECEIVER.url(path),
                        "event_types",
                        List.of("nexid.webhook.endpoint_created.v1")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201);

        var created = tenant.admin()
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
                .body(Map.of(
                        "organization_id",
                        tenant.organizationId(),
                        "url",
                        RECEIVER.url("/other"),
                        "event_types",
                        List.of("nexid.client.*")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("endpoint_id");

        var event = await().atMost(PATIENCE)
                .until(
                        () -> RECEIVER.received(path).stream()
                                .map(received -> json(received.body()))
                                .filter(delivered ->
                                        delivered.get("subject").asText().equals(created))
                                .findFirst()
                                .orElse(null),
                        delivered -> delivered != null);
        var traceparent = event.get("traceparent").asText().split("-");
        assertThat(traceparent[1]).isEqualTo(TRACE_ID);
        var causingSpanId = traceparent[2];

        var causing = await().atMost(PATIENCE).until(() -> span(causingSpanId), span -> span != null);
        assertThat(causing.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(spans.getFinishedSpanItems())
                .anyMatch(span -> span.getKind() == SpanKind.SERVER
                        && span.getTraceId().equals(TRACE_ID)
                        && span.getParentSpanId().equals(CALLER_SPAN_ID));
        var attempt = await().atMost(PATIENCE)
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(span -> span.getName().equals("webhook attempt")
                                        && span.getTraceId().equals(TRACE_ID))
                                .findFirst()
                                .orElse(null),
                        span -> span != null);
        assertThat(attempt.getParentSpanId()).isEqualTo(causingSpanId);
        assertThat(attempt.getAttributes().asMap().toString())
                .contains("http.response.status_code=200")
                .contains("cloudevents.event_type=nexid.webhook.endpoint_created.v1");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SpanData span(String spanId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getSpanId().equals(spanId))
                .findFirst()
                .orElse(null);
    }

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false");
        }
    }
}
