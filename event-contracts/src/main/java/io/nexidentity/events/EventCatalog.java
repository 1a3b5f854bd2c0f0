package io.nexidentity.events;

import java.util.List;
import java.util.stream.Stream;

import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.client.ClientEvents;
import io.nexidentity.events.security.SecurityEvents;
import io.nexidentity.events.tenant.TenantEvents;

/** Every event type of the platform. */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = Stream.of(
                    TenantEvents.ALL, ApplicationEvents.ALL, ClientEvents.ALL, SecurityEvents.ALL)
            .flatMap(List::stream)
            .toList();

    private EventCatalog() {}
}
