package io.nexidentity.tenant.recovery;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PasswordRecoveryRepository implements PanacheRepositoryBase<PasswordRecovery, UUID> {

    public Uni<PasswordRecovery> findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** The link, locked until the transaction ends: two uses of one link are serialized, and only the first counts. */
    public Uni<PasswordRecovery> lockByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** Ends the user's links that are still open: only the newest link works. */
    public Uni<Integer> retireOpen(UUID userId, Instant now) {
        return update("usedAt = ?1 where userId = ?2 and usedAt is null", now, userId);
    }

    public Uni<Long> deleteExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }
}
