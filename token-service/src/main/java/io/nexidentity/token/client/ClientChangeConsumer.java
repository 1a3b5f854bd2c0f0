package io.nexidentity.token.client;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.client.ClientEvents;
import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.projection.ProjectionEvents;
import io.nexidentity.projection.Projections;

/**
 * Client changes from {@code nexid.client.v1} and bootstrap credentials from {@code nexid.tenant.v1}, into the
 * database projection (durable group) and into this instance's memory (own group): a disabled client or a rotated
 * secret takes effect as soon as the event arrives.
 */
@ApplicationScoped
public class ClientChangeConsumer {

    private final ProjectionEvents events;

    ClientChangeConsumer(Projections projections, ClientRegistry registry) {
        var clients = registry.projection();
        this.events = projections
                .events("client-projection")
                .on(EventType.carrying(ClientSnapshot.class, ClientEvents.ALL), (event, client) -> {
                    if (client.clientId() == null) {
                        return null;
                    }
                    return event.type().equals(ClientEvents.CLIENT_DELETED.type())
                            ? clients.delete(client.clientId(), RegisteredClient.of(client), event.time())
                            : clients.put(client.clientId(), RegisteredClient.of(client), event.time());
                })
                .on(
                        List.of(TenantEvents.BOOTSTRAP_CREDENTIAL_ISSUED, TenantEvents.BOOTSTRAP_CREDENTIAL_REVOKED),
                        (event, credential) -> credential.clientId() == null
                                ? null
                                : clients.put(
                                        credential.clientId(),
                                        RegisteredClient.bootstrap(
                                                credential.clientId(),
                                                UUID.fromString(event.tenantid()),
                                                UUID.fromString(credential.organizationId()),
                                                credential.secretHash(),
                                                credential.scopes(),
                                                credential.expiresAt(),
                                                "active".equals(credential.status())),
                                        event.time()))
                .build();
    }

    @Incoming("token-clients-store")
    public Uni<Void> store(String json) {
        return events.store(json);
    }

    @Incoming("token-clients-cache")
    public void remember(String json) {
        events.remember(json);
    }
}
