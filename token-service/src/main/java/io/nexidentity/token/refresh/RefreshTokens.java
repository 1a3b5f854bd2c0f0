package io.nexidentity.token.refresh;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.config.TokenConfig;

/**
 * Refresh tokens: random, stored as keyed hashes, rotated on every use. A token used once is spent; presenting a
 * spent token again means it leaked, and the whole family (every token rotated from the same authorization) is
 * revoked, together with the access tokens it issued.
 */
@ApplicationScoped
public class RefreshTokens {

    private final Pool pool;
    private final SecretHasher hasher;
    private final TokenConfig config;
    private final Clock clock = Clock.systemUTC();

    RefreshTokens(Pool pool, SecretHasher hasher, TokenConfig config) {
        this.pool = pool;
        this.hasher = hasher;
        this.config = config;
    }

    /** Issues a refresh token in {@code family} (a new family when null); returns the token and its family. */
    public Uni<Issued> issue(
            String family,
            String clientId,
            UUID tenantId,
            UUID userId,
            String scope,
            String sid,
            Instant authTime,
            String accessTokenJti,
            Instant accessTokenExpiresAt) {
        var token = hasher.newSecret();
        var familyId = family == null ? UUID.randomUUID().toString() : family;
        return pool.preparedQuery("""
                        insert into refresh_token (token_hash, family_id, client_id, tenant_id, user_id, scope, sid, auth_time,
                            expires_at, issued_jti, issued_expires_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                .execute(Tuple.from(new Object[] {
                    hasher.hash(token),
                    familyId,
                    clientId,
                    tenantId,
                    userId,
                    scope,
                    sid,
                    authTime.atOffset(ZoneOffset.UTC),
                    clock.instant().plus(config.refreshTokenLifetime()).atOffset(ZoneOffset.UTC),
                    accessTokenJti,
                    accessTokenExpiresAt.atOffset(ZoneOffset.UTC)
                }))
                .replaceWith(new Issued(token, familyId));
    }

    /** A refresh token's grant whatever its state (revocation accepts spent and revoked tokens too). */
    public Uni<Optional<Grant>> find(String token) {
        return pool.preparedQuery("select * from refresh_token where token_hash = $1")
                .execute(Tuple.of(hasher.hash(token)))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    /** A live (unspent, unrevoked, unexpired) refresh token's grant, without spending it. */
    public Uni<Optional<Grant>> peek(String token) {
        return pool.preparedQuery("select * from refresh_token where token_hash = $1 and used_at is null"
                        + " and revoked_at is null and expires_at > now()")
                .execute(Tuple.of(hasher.hash(token)))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    /**
     * Spends a refresh token: its grant when it was live; a reuse when it was spent before (or its family revoked);
     * nothing when unknown or expired.
     */
    public Uni<Use> use(String token) {
        var hash = hasher.hash(token);
        return pool.preparedQuery("update refresh_token set used_at = now() where token_hash = $1 and used_at is null"
                        + " and revoked_at is null and expires_at > now() returning *")
                .execute(Tuple.of(hash))
                .flatMap(rows -> {
                    if (rows.size() == 1) {
                        return Uni.createFrom()
                                .item(new Use(read(rows.iterator().next()), false));
                    }
                    return pool.preparedQuery("select * from refresh_token where token_hash = $1"
                                    + " and (used_at is not null or revoked_at is not null)")
                            .execute(Tuple.of(hash))
                            .map(spent -> spent.size() == 0
                                    ? new Use(null, false)
                                    : new Use(read(spent.iterator().next()), true));
                });
    }

    /** Revokes a family; returns the access tokens it issued that are still valid (to revoke them too). */
    public Uni<List<RevocableToken>> revokeFamily(String family) {
        return pool.preparedQuery(
                        "update refresh_token set revoked_at = coalesce(revoked_at, now()) where family_id = $1"
                                + " returning issued_jti, issued_expires_at")
                .execute(Tuple.of(family))
                .map(rows -> {
                    var tokens = new ArrayList<RevocableToken>();
                    var now = clock.instant();
                    for (var row : rows) {
                        var expiresAt =
                                row.getOffsetDateTime("issued_expires_at").toInstant();
                        if (row.getString("issued_jti") != null && expiresAt.isAfter(now)) {
                            tokens.add(new RevocableToken(row.getString("issued_jti"), expiresAt));
                        }
                    }
                    return tokens;
                });
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.query("delete from refresh_token where expires_at < now() - interval '1 hour'")
                .execute()
                .replaceWithVoid();
    }

    private static Grant read(Row row) {
        return new Grant(
                row.getString("family_id"),
                row.getString("client_id"),
                row.getUUID("tenant_id"),
                row.getUUID("user_id"),
                row.getString("scope"),
                row.getString("sid"),
                row.getOffsetDateTime("auth_time").toInstant());
    }

    public record Issued(String token, String family) {}

    public record Grant(
            String family, String clientId, UUID tenantId, UUID userId, String scope, String sid, Instant authTime) {}

    /** {@code grant} null: unknown or expired; {@code reused}: spent before, or its family revoked. */
    public record Use(Grant grant, boolean reused) {}

    public record RevocableToken(String jti, Instant expiresAt) {}
}
