package io.nexidentity.tenant.user;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.nexidentity.runtime.identifier.Usernames;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Uni<List<User>> listPage(UUID tenantId, UUID after, int limit) {
        var query = after == null
                ? find("tenantId = ?1 order by id", tenantId)
                : find("tenantId = ?1 and id > ?2 order by id", tenantId, after);
        return query.page(0, limit).list();
    }

    public Uni<User> findByEmail(UUID tenantId, String email) {
        return find("tenantId = ?1 and emailNormalized = ?2", tenantId, Usernames.canonical(email))
                .firstResult();
    }
}
