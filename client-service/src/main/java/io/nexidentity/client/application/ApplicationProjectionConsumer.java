package io.nexidentity.client.application;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.outbox.IncomingEvents;
import io.nexidentity.outbox.ProcessedEvents;

/** Keeps the application projection from the application lifecycle events, each once. */
@ApplicationScoped
public class ApplicationProjectionConsumer {

    private static final String CONSUMER = "application-projection";

    private final ApplicationDirectory applications;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;
    private final ConsumerGuard guard;

    ApplicationProjectionConsumer(
            ApplicationDirectory applications, ProcessedEvents processed, ObjectMapper mapper, ConsumerGuard guard) {
        this.applications = applications;
        this.processed = processed;
        this.mapper = mapper;
        this.guard = guard;
    }

    @Incoming("application-projection")
    public Uni<Void> consume(String json) {
        return guard.apply(CONSUMER, json, this::apply);
    }

    private Uni<Void> apply(String json) {
        var event = IncomingEvents.read(mapper, json, CONSUMER).orElse(null);
        if (event == null
                || ApplicationEvents.ALL.stream()
                        .noneMatch(type ->
                                type.type().equals(event.type()) && type.payloadType() == ApplicationSnapshot.class)) {
            return Uni.createFrom().voidItem();
        }
        var application = IncomingEvents.payload(
                        mapper,
                        event,
                        ApplicationSnapshot.class,
                        snapshot -> snapshot.applicationId() != null && snapshot.tenantId() != null,
                        CONSUMER)
                .orElse(null);
        if (application == null) {
            return Uni.createFrom().voidItem();
        }
        return applications
                .pool()
                .withTransaction(connection -> processed
                        .markProcessed(connection, CONSUMER, event.id())
                        .flatMap(first -> first
                                ? applications.put(connection, application, event.time())
                                : Uni.createFrom().voidItem()));
    }
}
