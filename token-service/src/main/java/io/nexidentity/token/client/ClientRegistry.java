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
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.runtime.internal.InternalApi;
import io.nexidentity.token.projection.LayeredProjection;

/**
 * Clients for the token endpoints: client-service clients ({@code nxc-}) and tenants' bootstrap admin clients
 * ({@code nxb-}), each read through from its owner on a miss. A client id that is not exactly one of those (an alias
 * with a query, a fragment, a path or an encoding added) is unknown without any lookup, and an owner's answer is only
 * taken for the id asked for: nothing is ever remembered under an alias that change events would not reach.
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
            Uni<Optional<RegisteredClient>> answer = clientId.startsWith(ClientIds.BOOTSTRAP_PREFIX)
                    ? internalApi
                            .get(
                                    tenantServiceUrl,
                                    BootstrapCredentialRecord.class,
                                    "/internal/v1/bootstrap-credentials/{}",
                                    clientId)
                            .map(found -> found.map(ClientRegistry::bootstrapClient))
                    : internalApi
                            .get(clientServiceUrl, ClientSnapshot.class, "/internal/v1/clients/{}", clientId)
                            .map(found -> found.map(RegisteredClient::of));
            return answer.map(found -> found.filter(client -> clientId.equals(client.clientId())));
        });
    }

    public Uni<Optional<RegisteredClient>> find(String clientId) {
        return ClientIds.valid(clientId)
                ? clients.find(clientId)
                : Uni.createFrom().item(Optional.empty());
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
