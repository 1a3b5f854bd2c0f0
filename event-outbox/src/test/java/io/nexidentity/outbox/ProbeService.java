package io.nexidentity.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;

@ApplicationScoped
public class ProbeService {

    static final EventType<ProbeRenamed> PROBE_RENAMED =
            new EventType<>("nexid.probe.renamed.v1", Topic.TENANT, ProbeRenamed.class);

    private final OutboxWriter outbox;

    ProbeService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Writes a change and its event in one transaction. */
    @WithTransaction
    public Uni<CloudEvent> rename(String tenantId, String name) {
        var change = new ProbeChange();
        change.id = UUID.randomUUID().toString();
        change.name = name;
        return change.persist()
                .flatMap(saved -> outbox.append(PROBE_RENAMED, change.id, tenantId, new ProbeRenamed(name)));
    }

    public record ProbeRenamed(String name) {}
}
