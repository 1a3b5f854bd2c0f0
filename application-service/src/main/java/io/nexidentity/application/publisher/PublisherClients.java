package io.nexidentity.application.publisher;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.projection.Projection;
import io.nexidentity.projection.Projections;
import io.nexidentity.runtime.identifier.ClientIds;

/**
 * ManifestPublisher clients as the client-service describes them (secrets as keyed hashes), projected from
 * {@code nexid.client.v1} and read through from the client-service on a miss. Clients of other profiles are not kept.
 */
@ApplicationScoped
public class PublisherClients {

    static final String PROFILE = "manifest_publisher";

    private final Projection<ClientSnapshot> clients;

    PublisherClients(
            Projections projections,
            @ConfigProperty(name = "nexid.services.client-service.url") String clientServiceUrl) {
        this.clients = projections
                .of("publisher-clients", ClientSnapshot.class)
                .table("projected_client")
                .identifiedBy(ClientSnapshot::clientId)
                .owner(clientServiceUrl, "/internal/v1/clients/{}")
                .keeping(client -> PROFILE.equals(client.profile()))
                .build();
    }

    /** An id that is not exactly a client id is unknown at once: it reaches neither a query nor the client-service. */
    public Uni<Optional<ClientSnapshot>> find(String clientId) {
        return ClientIds.valid(clientId)
                ? clients.find(clientId)
                : Uni.createFrom().item(Optional.empty());
    }

    Projection<ClientSnapshot> projection() {
        return clients;
    }
}
