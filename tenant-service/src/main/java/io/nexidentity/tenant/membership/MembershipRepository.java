package io.nexidentity.tenant.membership;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, UUID> {

    public Uni<List<Membership>> listPage(UUID organizationId, UUID after, int limit) {
        var query = after == null
                ? find("organizationId = ?1 order by id", organizationId)
                : find("organizationId = ?1 and id > ?2 order by id", organizationId, after);
        return query.page(0, limit).list();
    }

    public Uni<List<Membership>> findByUser(UUID userId) {
        return find("userId = ?1 order by id", userId).list();
    }

    /** The tenant's memberships holding {@code role}, locked for the caller's transaction. */
    public Uni<List<Membership>> lockHolding(UUID tenantId, String role) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from membership where tenant_id = ?1 and roles @> array[?2]::text[] order by id for update",
                                Membership.class)
                        .setParameter(1, tenantId)
                        .setParameter(2, role)
                        .getResultList());
    }

    public Uni<Long> countHolding(UUID tenantId, String role) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select count(*) from membership where tenant_id = ?1 and roles @> array[?2]::text[]",
                                Long.class)
                        .setParameter(1, tenantId)
                        .setParameter(2, role)
                        .getSingleResult());
    }

    /** The user's memberships, locked for the caller's transaction: nobody changes their roles meanwhile. */
    public Uni<List<Membership>> lockByUser(UUID userId) {
        return find("userId = ?1 order by id", userId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }
}
