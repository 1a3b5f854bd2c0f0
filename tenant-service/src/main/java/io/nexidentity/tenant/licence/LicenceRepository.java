package io.nexidentity.tenant.licence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.nexidentity.tenant.licence.Licence.LicenceStatus;

@ApplicationScoped
public class LicenceRepository implements PanacheRepositoryBase<Licence, UUID> {

    public Uni<Licence> findActive(UUID tenantId) {
        return find("tenantId = ?1 and status = ?2", tenantId, LicenceStatus.ACTIVE)
                .firstResult();
    }

    /** The latest licence of the tenant, whatever its status. */
    public Uni<Licence> findLatest(UUID tenantId) {
        return find("tenantId = ?1 order by startsAt desc", tenantId).firstResult();
    }

    public Uni<List<Licence>> findActiveExpiredBefore(Instant now, int limit) {
        return find("status = ?1 and expiresAt < ?2 order by expiresAt", LicenceStatus.ACTIVE, now)
                .page(0, limit)
                .list();
    }
}
