package io.nexidentity.application.publisher;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.outbox.IncomingEvents;
import io.nexidentity.outbox.ProcessedEvents;

/** Keeps the ManifestPublisher clients of {@code nexid.client.v1}, each event once. */
@ApplicationScoped
public class PublisherClientConsumer {

    private static final String CONSUMER = "client-projection";

    private final PublisherClients clients;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;
    private final ConsumerGuard guard;

    PublisherClientConsumer(
            PublisherClients clients, ProcessedEvents processed, ObjectMapper mapper, ConsumerGuard guard) {
        this.clients = clients;
        this.processed = processed;
        this.mapper = mapper;
        this.guard = guard;
    }

    @Incoming("client-projection")
    public Uni<Void> consume(String json) {
        return guard.apply(CONSUMER, json, this::apply);
    }

    private Uni<Void> apply(String json) {
        var event = IncomingEvents.read(mapper, json, CONSUMER).orElse(null);
        if (event == null
                || !event.type().startsWith("nexid.client.")
                || event.type().startsWith("nexid.client.quota_reached")) {
            return Uni.createFrom().voidItem();
        }
        var client = IncomingEvents.payload(
                        mapper,
                        event,
                        ClientSnapshot.class,
                        snapshot -> snapshot.clientId() != null
                                && snapshot.tenantId() != null
                                && snapshot.applicationId() != null,
                        CONSUMER)
                .orElse(null);
        if (client == null) {
            return Uni.createFrom().voidItem();
        }
        return clients.pool()
                .withTransaction(connection -> processed
                        .markProcessed(connection, CONSUMER, event.id())
                        .flatMap(first -> first
                                ? clients.put(connection, client, event.time())
                                : Uni.createFrom().voidItem()));
    }
}
