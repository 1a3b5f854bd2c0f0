package io.nexidentity.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.CloudEvent;

/** Stores each consumed event once, through the processed-event ledger. */
@ApplicationScoped
public class ProbeConsumer {

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;

    ProbeConsumer(ObjectMapper mapper, ProcessedEvents processed) {
        this.mapper = mapper;
        this.processed = processed;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(String json) throws JsonProcessingException {
        var event = mapper.readValue(json, CloudEvent.class);
        return Panache.withTransaction(() -> processed
                .markProcessed("outbox-probe", event.id())
                .flatMap(first -> first ? store(event) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> store(CloudEvent event) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into consumed_event (event_id, subject) values (?1, ?2)")
                        .setParameter(1, event.id())
                        .setParameter(2, event.subject())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
