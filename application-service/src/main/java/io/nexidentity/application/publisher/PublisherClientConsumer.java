package io.nexidentity.application.publisher;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.outbox.ProcessedEvents;

/** Keeps the ManifestPublisher clients of {@code nexid.client.v1}, each event once. */
@ApplicationScoped
public class PublisherClientConsumer {

    private static final String CONSUMER = "client-projection";

    private final PublisherClients clients;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;

    PublisherClientConsumer(PublisherClients clients, ProcessedEvents processed, ObjectMapper mapper) {
        this.clients = clients;
        this.processed = processed;
        this.mapper = mapper;
    }

    @Incoming("client-projection")
    public Uni<Void> consume(String json) throws JsonProcessingException {
        var event = mapper.readValue(json, CloudEvent.class);
        if (!event.type().startsWith("nexid.client.") || event.type().startsWith("nexid.client.quota_reached")) {
            return Uni.createFrom().voidItem();
        }
        var client = mapper.convertValue(event.data(), ClientSnapshot.class);
        return clients.pool()
                .withTransaction(connection -> processed
                        .markProcessed(connection, CONSUMER, event.id())
                        .flatMap(first -> first
                                ? clients.put(connection, client, event.time())
                                : Uni.createFrom().voidItem()));
    }
}
