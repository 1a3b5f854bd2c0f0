package io.nexidentity.tenant.tenant;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    public Uni<Tenant> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }
}
