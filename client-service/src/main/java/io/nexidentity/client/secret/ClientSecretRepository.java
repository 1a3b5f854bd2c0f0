package io.nexidentity.client.secret;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ClientSecretRepository implements PanacheRepositoryBase<ClientSecret, UUID> {

    public Uni<List<ClientSecret>> ofClient(String clientId) {
        return find("clientId = ?1 order by createdAt", clientId).list();
    }
}
