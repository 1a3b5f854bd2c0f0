package io.nexidentity.events;

import java.util.List;

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

    /** The types among {@code types} whose data is a {@code payload}. */
    @SuppressWarnings("unchecked")
    public static <P> List<EventType<P>> carrying(Class<P> payload, List<EventType<?>> types) {
        return types.stream()
                .filter(type -> type.payloadType() == payload)
                .map(type -> (EventType<P>) type)
                .toList();
    }
}
