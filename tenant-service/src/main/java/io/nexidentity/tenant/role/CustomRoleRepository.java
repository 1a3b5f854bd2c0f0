package io.nexidentity.tenant.role;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CustomRoleRepository implements PanacheRepositoryBase<CustomRole, UUID> {

    public Uni<List<CustomRole>> ofTenant(UUID tenantId) {
        return find("tenantId = ?1 order by name", tenantId).list();
    }

    public Uni<List<CustomRole>> named(UUID tenantId, Collection<String> names) {
        return find("tenantId = ?1 and name in ?2", tenantId, names).list();
    }

    /** The tenant's roles of these names, locked against change and deletion for the caller's transaction. */
    public Uni<List<CustomRole>> lockShared(UUID tenantId, Collection<String> names) {
        return find("tenantId = ?1 and name in ?2", tenantId, names)
                .withLock(LockModeType.PESSIMISTIC_READ)
                .list();
    }

    /** The role, locked for the caller's transaction (null when the tenant has none by that name). */
    public Uni<CustomRole> lock(UUID tenantId, String name) {
        return find("tenantId = ?1 and name = ?2", tenantId, name)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /**
     * Definitions of one tenant's roles take turns until the caller's transaction ends, so that its count of roles
     * holds: an advisory lock, which nothing else waits for (a row lock of the tenant could meet the last-owner check's
     * in the opposite order).
     */
    public Uni<Void> lockDefinitions(UUID tenantId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext('custom_role'),"
                                        + " hashtext(?1))) as locked",
                                Long.class)
                        .setParameter(1, tenantId.toString())
                        .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<Long> countOf(UUID tenantId) {
        return count("tenantId", tenantId);
    }
}
