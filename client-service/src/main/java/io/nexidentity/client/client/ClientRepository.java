package io.nexidentity.client.client;

import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, String> {

    public Uni<List<Client>> listPage(UUID tenantId, UUID applicationId, String after, int limit) {
        var query = new StringBuilder("tenantId = :tenant");
        var params = new HashMap<String, Object>();
        params.put("tenant", tenantId);
        if (applicationId != null) {
            query.append(" and applicationId = :application");
            params.put("application", applicationId);
        }
        if (after != null) {
            query.append(" and id > :after");
            params.put("after", after);
        }
        return find(query.append(" order by id").toString(), params)
                .page(0, limit)
                .list();
    }

    public Uni<Long> countOf(UUID applicationId) {
        return count("applicationId", applicationId);
    }
}
