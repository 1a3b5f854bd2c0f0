package io.nexidentity.events.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;

/** Events of the webhook-dispatcher, on {@code nexid.webhook.v1}. */
public final class WebhookEvents {

    public static final EventType<EndpointChanged> ENDPOINT_CREATED =
            type("nexid.webhook.endpoint_created.v1", EndpointChanged.class);
    public static final EventType<EndpointChanged> ENDPOINT_UPDATED =
            type("nexid.webhook.endpoint_updated.v1", EndpointChanged.class);
    public static final EventType<EndpointChanged> ENDPOINT_DELETED =
            type("nexid.webhook.endpoint_deleted.v1", EndpointChanged.class);
    public static final EventType<EndpointChanged> ENDPOINT_DISABLED =
            type("nexid.webhook.endpoint_disabled.v1", EndpointChanged.class);
    public static final EventType<EndpointChanged> SECRET_ROTATED =
            type("nexid.webhook.secret_rotated.v1", EndpointChanged.class);
    public static final EventType<ReplayRequested> REPLAY_REQUESTED =
            type("nexid.webhook.replay_requested.v1", ReplayRequested.class);

    public static final List<EventType<?>> ALL = List.of(
            ENDPOINT_CREATED, ENDPOINT_UPDATED, ENDPOINT_DELETED, ENDPOINT_DISABLED, SECRET_ROTATED, REPLAY_REQUESTED);

    private WebhookEvents() {}

    private static <P> EventType<P> type(String name, Class<P> payload) {
        return new EventType<>(name, Topic.WEBHOOK, payload);
    }

    /** An endpoint as its owners see it (never its secrets). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EndpointChanged(
            UUID endpointId,
            UUID organizationId,
            String url,
            List<String> eventTypes,
            boolean enabled,
            String reason) {}

    /** An SRE asked to deliver events again: one delivery, the failed ones since a time, or a time range. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReplayRequested(
            UUID endpointId, String mode, UUID deliveryId, Instant from, Instant to, int deliveries) {}
}
