package io.nexidentity.webhook.endpoint;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EndpointRepository implements PanacheRepositoryBase<WebhookEndpoint, UUID> {

    public Uni<List<WebhookEndpoint>> listPage(UUID tenantId, UUID after, int limit) {
        var query = after == null
                ? find("tenantId = ?1 order by id", tenantId)
                : find("tenantId = ?1 and id > ?2 order by id", tenantId, after);
        return query.page(0, limit).list();
    }

    public Uni<Long> countOf(UUID tenantId) {
        return count("tenantId", tenantId);
    }
}
