package io.nexidentity.events;

/**
 * One Kafka topic per producing domain. Records are keyed by tenant id, so the partition count bounds the
 * consumers' parallelism while keeping per-tenant order.
 */
public enum Topic {
    TENANT("nexid.tenant.v1"),
    APPLICATION("nexid.application.v1"),
    CLIENT("nexid.client.v1"),
    AUTH("nexid.auth.v1"),
    WEBHOOK("nexid.webhook.v1"),
    /** Refused attempts (e.g. reaching into another tenant), published by every service with an admin API. */
    SECURITY("nexid.security.v1");

    /** Partitions per topic; `./nexid` creates the topics with this count. */
    public static final int PARTITIONS = 6;

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    public String topicName() {
        return topicName;
    }
}
