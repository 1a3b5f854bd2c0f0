package io.nexidentity.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

class CloudEventTest {

    private static final EventType<String> SAMPLE =
            new EventType<>("nexid.sample.created.v1", Topic.TENANT, String.class);

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void serializeWhenCreatedThenStructuredJsonHasRequiredAttributesAndTenantExtension() throws Exception {
        var event = CloudEvent.create(
                SAMPLE,
                "/nexid/tenant-service",
                "org-1",
                "tenant-1",
                "user-7",
                Instant.parse("2026-11-26T08:00:00Z"),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                mapper.createObjectNode().put("name", "Acme"));

        var json = mapper.readTree(mapper.writeValueAsString(event));

        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).hasSize(36);
        assertThat(json.get("source").asText()).isEqualTo("/nexid/tenant-service");
        assertThat(json.get("type").asText()).isEqualTo("nexid.sample.created.v1");
        assertThat(json.get("subject").asText()).isEqualTo("org-1");
        assertThat(json.get("time").asText()).isEqualTo("2026-11-26T08:00:00Z");
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.get("tenantid").asText()).isEqualTo("tenant-1");
        assertThat(json.get("actor").asText()).isEqualTo("user-7");
        assertThat(json.get("traceparent").asText())
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(json.has("tracestate")).isFalse();
        assertThat(json.get("data").get("name").asText()).isEqualTo("Acme");
    }

    @Test
    void deserializeWhenOptionalAttributesMissingThenTheyAreNullAndOmittedAgain() throws Exception {
        var text = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/x\",\"type\":\"nexid.sample.created.v1\"}";

        var event = mapper.readValue(text, CloudEvent.class);

        assertThat(event.subject()).isNull();
        assertThat(event.tenantid()).isNull();
        assertThat(event.traceparent()).isNull();
        assertThat(mapper.writeValueAsString(event)).isEqualTo(text);
    }

    @Test
    void partitionKeyWhenTenantPresentThenTenantElseSubject() {
        var withTenant = CloudEvent.create(SAMPLE, "/x", "s", "t", null, Instant.now(), null, null);
        var platformWide = CloudEvent.create(SAMPLE, "/x", "s", null, null, Instant.now(), null, null);

        assertThat(withTenant.partitionKey()).isEqualTo("t");
        assertThat(platformWide.partitionKey()).isEqualTo("s");
    }

    @Test
    void eventTypeWhenNameDoesNotFollowConventionThenRejected() {
        assertThatThrownBy(() -> new EventType<>("ClientCreated", Topic.CLIENT, String.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventType<>("nexid.client.created", Topic.CLIENT, String.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deserializeWhenIdMissingThenRejected() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"t\"}", CloudEvent.class))
                .hasRootCauseInstanceOf(NullPointerException.class);
    }
}
