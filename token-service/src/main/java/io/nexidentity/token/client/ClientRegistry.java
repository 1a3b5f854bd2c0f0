package io.nexidentity.token.client;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.tenant.Directory.BootstrapCredentialRecord;
import io.nexidentity.runtime.internal.InternalApi;
import io.nexidentity.token.projection.LayeredProjection;

/**
 * Clients for the token endpoints: client-service clients ({@code nxc-}) and tenants' bootstrap admin clients
 * ({@code nxb-}), each read through from its owner on a miss.
 */
@ApplicationScoped
public class ClientRegistry {

    private final LayeredProjection<RegisteredClient> clients;

    ClientRegistry(
            Pool pool,
            InternalApi internalApi,
            ObjectMapper mapper,
            @ConfigProperty(name = "nexid.services.client-service.url") String clientServiceUrl,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.clients = new LayeredProjection<>(pool, "projected_client", RegisteredClient.class, mapper, clientId -> {
            if (clientId.startsWith("nxb-")) {
                return internalApi
                        .get(
                                tenantServiceUrl,
                                "/internal/v1/bootstrap-credentials/" + clientId,
                                BootstrapCredentialRecord.class)
                        .map(found -> found.map(ClientRegistry::bootstrapClient));
            }
            if (clientId.startsWith("nxc-")) {
                return internalApi
                        .get(clientServiceUrl, "/internal/v1/clients/" + clientId, ClientSnapshot.class)
                        .map(found -> found.map(RegisteredClient::of));
            }
            return Uni.createFrom().item(Optional.empty());
        });
    }

    public Uni<Optional<RegisteredClient>> find(String clientId) {
        return clients.find(clientId);
    }

    public void remember(RegisteredClient client, boolean deleted, Instant asOf) {
        clients.remember(client.clientId(), deleted ? null : client, asOf);
    }

    public Uni<Void> store(RegisteredClient client, boolean deleted, Instant asOf) {
        return clients.store(client.clientId(), deleted ? null : client, asOf);
    }

    private static RegisteredClient bootstrapClient(BootstrapCredentialRecord credential) {
        return RegisteredClient.bootstrap(
                credential.clientId(),
                credential.tenantId(),
                credential.organizationId(),
                credential.secretHash(),
                credential.scopes(),
                credential.expiresAt(),
                "active".equals(credential.status()));
    }
}
