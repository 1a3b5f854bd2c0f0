package io.nexidentity.token.revocation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Access tokens revoked before their expiry, by {@code jti}: stored, held in every instance's memory (loaded at start,
 * kept current by revocation events), and forgotten once the token would have expired anyway.
 */
@ApplicationScoped
public class RevokedTokens {

    private final ConcurrentHashMap<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Pool pool;
    private final Clock clock;

    RevokedTokens(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    void load(@Observes StartupEvent startup) {
        pool.query("select jti, expires_at from revoked_token where expires_at > now()")
                .execute()
                .await()
                .indefinitely()
                .forEach(row -> revoked.put(
                        row.getString("jti"),
                        row.getOffsetDateTime("expires_at").toInstant()));
    }

    public boolean isRevoked(String jti) {
        return revoked.containsKey(jti);
    }

    public void remember(String jti, Instant expiresAt) {
        revoked.put(jti, expiresAt);
    }

    public Uni<Void> revoke(String jti, Instant expiresAt) {
        remember(jti, expiresAt);
        return pool.preparedQuery("insert into revoked_token (jti, expires_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(jti, expiresAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        var now = clock.instant();
        revoked.values().removeIf(expiry -> expiry.isBefore(now));
        return pool.query("delete from revoked_token where expires_at < now()")
                .execute()
                .replaceWithVoid();
    }
}
