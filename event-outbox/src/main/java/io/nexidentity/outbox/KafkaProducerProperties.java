package io.nexidentity.outbox;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client configuration of the producers this module builds by hand (the outbox relay and the hot-path events):
 * everything the service's {@code kafka.*} configuration holds that a producer understands — bootstrap servers, but
 * also the security protocol, SASL and TLS settings a secured cluster (Strimzi with SCRAM or mTLS) needs — exactly as
 * the SmallRye channels get it, then string records, {@code acks=all} and idempotence.
 */
final class KafkaProducerProperties {

    private KafkaProducerProperties() {}

    static Map<String, Object> of(Map<String, Object> kafkaConfig, String clientId) {
        var properties = new HashMap<String, Object>();
        var known = ProducerConfig.configNames();
        kafkaConfig.forEach((name, value) -> {
            if (known.contains(name)) {
                properties.put(name, value);
            }
        });
        properties.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return properties;
    }
}
