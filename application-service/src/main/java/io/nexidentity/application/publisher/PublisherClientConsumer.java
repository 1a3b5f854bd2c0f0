package io.nexidentity.application.publisher;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.client.ClientEvents;
import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.projection.ProjectionEvents;
import io.nexidentity.projection.Projections;

/** Keeps the ManifestPublisher clients of {@code nexid.client.v1}. */
@ApplicationScoped
public class PublisherClientConsumer {

    private final ProjectionEvents events;

    PublisherClientConsumer(Projections projections, PublisherClients publishers) {
        var clients = publishers.projection();
        this.events = projections
                .events("client-projection")
                .on(EventType.carrying(ClientSnapshot.class, ClientEvents.ALL), (event, client) -> {
                    if (client.clientId() == null || client.tenantId() == null || client.applicationId() == null) {
                        return null;
                    }
                    return event.type().equals(ClientEvents.CLIENT_DELETED.type())
                            ? clients.delete(client.clientId(), client, event.time())
                            : clients.put(client.clientId(), client, event.time());
                })
                .build();
    }

    @Incoming("client-projection")
    public Uni<Void> consume(String json) {
        return events.store(json);
    }
}
