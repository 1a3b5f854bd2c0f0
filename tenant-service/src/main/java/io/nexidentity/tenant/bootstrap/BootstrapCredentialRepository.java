package io.nexidentity.tenant.bootstrap;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.nexidentity.tenant.bootstrap.BootstrapCredential.CredentialStatus;

@ApplicationScoped
public class BootstrapCredentialRepository implements PanacheRepositoryBase<BootstrapCredential, String> {

    public Uni<List<BootstrapCredential>> findActive(UUID tenantId) {
        return find("tenantId = ?1 and status = ?2", tenantId, CredentialStatus.ACTIVE)
                .list();
    }
}
