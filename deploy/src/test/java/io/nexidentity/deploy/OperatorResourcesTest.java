package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.nexidentity.events.Topic;

/**
 * The operators' resources, checked field by field (their CRD schemas are not available here): a KRaft Kafka with a
 * TLS listener, SCRAM users and ACLs enforced; a KafkaTopic for every topic the code uses; one KafkaUser per service
 * whose ACLs cover exactly the topics and consumer groups its own configuration names; a CloudNativePG cluster with a
 * role and a database per service.
 */
class OperatorResourcesTest {

    private static final Pattern TOPICS = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.topics?");
    private static final Pattern GROUPS = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void kafkaWhenRenderedThenKraftTlsScramWithAclsAndEveryTopicOfTheCode(String overlay) {
        var manifests = Manifests.of(overlay);
        var production = overlay.equals("production");
        var kafka = manifests.one("Kafka", "nexid-kafka");
        assertThat(kafka.path("metadata")
                        .path("annotations")
                        .path("strimzi.io/kraft")
                        .asText())
                .isEqualTo("enabled");
        assertThat(kafka.path("metadata")
                        .path("annotations")
                        .path("strimzi.io/node-pools")
                        .asText())
                .isEqualTo("enabled");
        var listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(kafka.path("spec")
                        .path("kafka")
                        .path("authorization")
                        .path("type")
                        .asText())
                .isEqualTo("simple");
        var pool = manifests.one("KafkaNodePool", "dual-role");
        assertThat(pool.path("metadata")
                        .path("labels")
                        .path("strimzi.io/cluster")
                        .asText())
                .isEqualTo("nexid-kafka");
        assertThat(pool.path("spec").path("roles").toString()).contains("controller", "broker");
        assertThat(pool.path("spec").path("replicas").asInt()).isEqualTo(production ? 3 : 1);

        for (var topic : Topic.values()) {
            var resource = manifests.one("KafkaTopic", topic.topicName());
            var spec = resource.path("spec");
            assertThat(spec.path("topicName").asText()).isEqualTo(topic.topicName());
            assertThat(spec.path("partitions").asInt()).isEqualTo(Topic.PARTITIONS);
            assertThat(spec.path("replicas").asInt()).isEqualTo(production ? 3 : 1);
            assertThat(spec.path("config").path("min.insync.replicas").asInt()).isEqualTo(production ? 2 : 1);
            assertThat(spec.path("config").has("retention.ms")).isTrue();
        }
        assertThat(manifests.ofKind("KafkaTopic")).hasSize(Topic.values().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void kafkaUsersWhenRenderedThenEachServiceReadsWhatItConsumesInGroupsNamedAfterIt(String overlay) {
        var manifests = Manifests.of(overlay);
        for (var service : Services.NAMES) {
            var user = manifests.one("KafkaUser", service).path("spec");
            assertThat(user.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            var reads = topics(user.path("authorization").path("acls"), "Read");
            var writes = topics(user.path("authorization").path("acls"), "Write");
            var config = Services.config(service);
            var consumed = new HashSet<String>();
            config.forEach((key, value) -> {
                if (!key.startsWith("%") && TOPICS.matcher(key).matches()) {
                    consumed.addAll(Arrays.asList(value.split(",")));
                }
            });
            assertThat(reads).as(service + " reads").isEqualTo(consumed);
            assertThat(writes)
                    .as(service + " writes")
                    .contains(Topic.SECURITY.topicName())
                    .hasSizeLessThanOrEqualTo(2);
            var groupPrefix = groupPrefix(user.path("authorization").path("acls"));
            config.forEach((key, value) -> {
                if (!key.startsWith("%") && GROUPS.matcher(key).matches()) {
                    var group = value.replace("${quarkus.application.name}", config.get("quarkus.application.name"));
                    assertThat(group).as(service + " " + key).startsWith(groupPrefix);
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void postgresWhenRenderedThenARoleAndADatabasePerServiceWithItsPasswordFromItsSecret(String overlay) {
        var manifests = Manifests.of(overlay);
        var cluster = manifests.one("Cluster", "nexid-postgres").path("spec");
        assertThat(cluster.path("instances").asInt()).isEqualTo(overlay.equals("production") ? 3 : 1);
        assertThat(cluster.path("storage").path("size").asText()).isNotEmpty();
        for (var service : Services.NAMES) {
            var database = Services.config(service).get("nexid.database.name").replaceAll("\\$\\{[A-Z_]+:(.*)}", "$1");
            var role = roleNamed(cluster.path("managed").path("roles"), database);
            assertThat(role.path("login").asBoolean()).isTrue();
            assertThat(role.path("passwordSecret").path("name").asText()).startsWith("nexid-db-" + service);
            var resource = manifests.ofKind("Database").stream()
                    .filter(d -> database.equals(d.path("spec").path("name").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Database " + database));
            assertThat(resource.path("spec").path("owner").asText()).isEqualTo(database);
            assertThat(resource.path("spec").path("cluster").path("name").asText())
                    .isEqualTo("nexid-postgres");
        }
    }

    private static JsonNode roleNamed(JsonNode roles, String name) {
        for (var role : roles) {
            if (name.equals(role.path("name").asText())) {
                return role;
            }
        }
        throw new AssertionError("no role " + name);
    }

    private static Set<String> topics(JsonNode acls, String operation) {
        var topics = new HashSet<String>();
        acls.forEach(acl -> {
            if ("topic".equals(acl.path("resource").path("type").asText())
                    && acl.path("operations").toString().contains("\"" + operation + "\"")) {
                topics.add(acl.path("resource").path("name").asText());
            }
        });
        return topics;
    }

    private static String groupPrefix(JsonNode acls) {
        for (var acl : acls) {
            var resource = acl.path("resource");
            if ("group".equals(resource.path("type").asText())) {
                assertThat(resource.path("patternType").asText()).isEqualTo("prefix");
                return resource.path("name").asText();
            }
        }
        throw new AssertionError("no group ACL");
    }
}
