package io.nexidentity.events;

/**
 * A CloudEvent {@code type} (for example {@code nexid.client.created.v1}), the topic it is published on and the
 * record its {@code data} holds.
 */
public record EventType<P>(String type, Topic topic, Class<P> payloadType) {

    public EventType {
        if (!type.matches("nexid(\\.[a-z_]+)+\\.v[0-9]+")) {
            throw new IllegalArgumentException("event type must look like nexid.<domain>.<action>.v<n>: " + type);
        }
    }
}
