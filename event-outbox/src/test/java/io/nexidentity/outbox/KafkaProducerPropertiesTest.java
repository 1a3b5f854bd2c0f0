package io.nexidentity.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaProducerPropertiesTest {

    @Test
    void ofWhenTheClusterIsSecuredThenItsSecuritySettingsReachTheProducerAndOursWin() {
        var properties = KafkaProducerProperties.of(
                Map.of(
                        "bootstrap.servers", "nexid-kafka-bootstrap:9093",
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "ssl.truststore.location", "/etc/kafka/ca.p12",
                        "ssl.truststore.type", "PKCS12",
                        "acks", "1",
                        "group.id", "a consumer setting"),
                "outbox-relay-test");

        assertThat(properties)
                .containsEntry("bootstrap.servers", "nexid-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("client.id", "outbox-relay-test")
                .doesNotContainKey("group.id");
    }
}
