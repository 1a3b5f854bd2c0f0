package io.nexidentity.runtime.persistence;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL advisory locks held until the current transaction ends: they serialize check-then-act sequences (a quota
 * count then an insert) that row locks cannot cover because the rows do not exist yet.
 */
public final class TransactionLocks {

    private TransactionLocks() {}

    /** Locks {@code (scope, id)} in the current Hibernate Reactive transaction; scopes keep unrelated locks apart. */
    public static Uni<Void> lock(String scope, UUID id) {
        long key = id.getMostSignificantBits() ^ id.getLeastSignificantBits() ^ scope.hashCode();
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) l")
                        .setParameter(1, key)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
