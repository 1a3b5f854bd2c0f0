package io.nexidentity.tenant.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.nexidentity.tenant.domain.TenantDomain.DomainStatus;

@ApplicationScoped
public class TenantDomainRepository implements PanacheRepositoryBase<TenantDomain, TenantDomain.Key> {

    public Uni<List<TenantDomain>> ofTenant(UUID tenantId) {
        return find("tenantId = ?1 order by createdAt", tenantId).list();
    }

    public Uni<TenantDomain> find(UUID tenantId, String domain) {
        return find("tenantId = ?1 and domain = ?2", tenantId, domain).firstResult();
    }

    /** The tenant's verified claim on {@code domain}, whichever tenant it is. */
    public Uni<TenantDomain> verified(String domain) {
        return find("domain = ?1 and status = ?2", domain, DomainStatus.VERIFIED)
                .firstResult();
    }

    public Uni<Long> countOf(UUID tenantId) {
        return count("tenantId", tenantId);
    }
}
