package io.nexidentity.token.client;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.tenant.Directory.BootstrapCredentialRecord;
import io.nexidentity.projection.Projection;
import io.nexidentity.projection.Projections;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.runtime.internal.InternalApi;

/**
 * Clients for the token endpoints: client-service clients ({@code nxc-}), tenants' admin clients ({@code nxa-}, the
 * same for every tenant but its id, held nowhere) and tenants' bootstrap admin clients
 * ({@code nxb-}), each read through from its owner on a miss. A client id that is not exactly one of those (an alias
 * with a query, a fragment, a path or an encoding added) is unknown without any lookup, and an owner's answer is only
 * taken for the id asked for: nothing is ever remembered under an alias that change events would not reach.
 */
@ApplicationScoped
public class ClientRegistry {

    static final int READ_THROUGHS_PER_SECOND = 50;

    private final Projection<RegisteredClient> clients;

    ClientRegistry(
            Projections projections,
            InternalApi internalApi,
            @ConfigProperty(name = "nexid.services.client-service.url") String clientServiceUrl,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.clients = projections
                .of("clients", RegisteredClient.class)
                .table("projected_client")
                .identifiedBy(RegisteredClient::clientId)
                .owner(clientId -> {
                    return clientId.startsWith(ClientIds.BOOTSTRAP_PREFIX)
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
                })
                .inMemory()
                .readThroughsPerSecond(READ_THROUGHS_PER_SECOND)
                .build();
    }

    public Uni<Optional<RegisteredClient>> find(String clientId) {
        if (!ClientIds.valid(clientId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (clientId.startsWith(ClientIds.ADMIN_PREFIX)) {
            // every tenant has one, named after it: it is known at the tenant's own endpoints only (its tenant_id)
            return Uni.createFrom()
                    .item(Optional.of(RegisteredClient.admin(
                            UUID.fromString(clientId.substring(ClientIds.ADMIN_PREFIX.length())))));
        }
        return clients.find(clientId);
    }

    Projection<RegisteredClient> projection() {
        return clients;
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
