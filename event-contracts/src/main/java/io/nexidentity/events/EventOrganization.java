package io.nexidentity.events;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The organization a CloudEvent is about: its payload's {@code organization_id}, or the subject of organization
 * events. Events of the tenant as a whole have none.
 */
public final class EventOrganization {

    private EventOrganization() {}

    public static Optional<UUID> of(JsonNode event) {
        var organization = event.path("data").path("organization_id");
        var id = organization.isTextual() ? organization.asText() : null;
        if (id == null && event.path("type").asText().startsWith("nexid.organization.")) {
            id = event.path("subject").asText(null);
        }
        try {
            return Optional.ofNullable(id).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
