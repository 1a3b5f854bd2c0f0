package io.nexidentity.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "nexid.outbox")
public interface OutboxConfig {

    /** CloudEvent {@code source} of the events this service writes, e.g. {@code /nexid/tenant-service}. */
    String source();

    /** Whether this instance relays the outbox to Kafka (one relay per database is active at a time anyway). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for events besides being woken by PostgreSQL notifications after each commit. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events relayed per database transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for Kafka to acknowledge a batch before rolling back and retrying later. */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /**
     * How long the hot-path producer waits to gather events into a batch; requests wait for their batch to be
     * acknowledged. None by default: a request sends at once, and under load events still batch up behind the requests
     * in flight (measured: ES256 tokens at 8 connections 5,438/s without, 2,292/s with 2 ms, 2 cores).
     */
    @WithDefault("0ms")
    Duration hotPathLinger();

    /**
     * How long a hot-path event may wait for Kafka before it goes to the outbox instead; after such a failure the next
     * events go to the outbox straight away for {@link #hotPathPause()}, so that an outage does not slow requests.
     */
    @WithDefault("2s")
    Duration hotPathDeliveryTimeout();

    @WithDefault("5s")
    Duration hotPathPause();
}
