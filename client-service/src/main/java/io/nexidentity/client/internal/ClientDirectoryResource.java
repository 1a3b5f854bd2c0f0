package io.nexidentity.client.internal;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.client.client.ClientService;
import io.nexidentity.events.client.ClientEvents.ClientSnapshot;

/** Internal read API for platform services: a client as events carry it (read-through behind projections). */
@Path("/internal/v1/clients")
@Tag(name = "Internal")
@PermitAll
public class ClientDirectoryResource {

    private final ClientService clients;

    ClientDirectoryResource(ClientService clients) {
        this.clients = clients;
    }

    @GET
    @Path("/{clientId}")
    @Operation(summary = "A client with its valid secrets as keyed hashes")
    public Uni<ClientSnapshot> client(@PathParam("clientId") String clientId) {
        return clients.snapshot(clientId);
    }
}
