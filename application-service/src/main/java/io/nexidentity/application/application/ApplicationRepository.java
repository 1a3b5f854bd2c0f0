package io.nexidentity.application.application;

import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.nexidentity.application.application.Application.ApplicationStatus;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {

    public Uni<List<Application>> listPage(UUID tenantId, UUID organizationId, UUID after, int limit) {
        var query = new StringBuilder("tenantId = :tenant");
        var params = new HashMap<String, Object>();
        params.put("tenant", tenantId);
        if (organizationId != null) {
            query.append(" and organizationId = :organization");
            params.put("organization", organizationId);
        }
        if (after != null) {
            query.append(" and id > :after");
            params.put("after", after);
        }
        return find(query.append(" order by id").toString(), params)
                .page(0, limit)
                .list();
    }

    public Uni<Application> findByKey(String key) {
        return find("key", key).firstResult();
    }

    /** Applications counting against the quota: all but archived ones. */
    public Uni<Long> countInUse(UUID tenantId) {
        return count("tenantId = ?1 and status <> ?2", tenantId, ApplicationStatus.ARCHIVED);
    }

    /** In-use applications per organization of the tenant. */
    public Uni<List<Object[]>> countInUseByOrganization(UUID tenantId) {
        return getSession()
                .flatMap(session -> session.createSelectionQuery(
                                "select organizationId, count(*) from Application where tenantId = ?1 and status <> ?2"
                                        + " group by organizationId order by organizationId",
                                Object[].class)
                        .setParameter(1, tenantId)
                        .setParameter(2, ApplicationStatus.ARCHIVED)
                        .getResultList());
    }
}
