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
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.config.TokenConfig;

/**
 * Token families and their refresh tokens. A family is everything issued from one user authorization: it belongs to
 * the single sign-on session the user signed in with (ended with it) unless it is offline ({@code offline_access}), and
 * it ends at a fixed time however often its refresh tokens rotate. Refresh tokens are random, stored as keyed hashes,
 * spent on use and idle-limited; presenting a spent one again means it leaked, and the whole family is revoked with the
 * access tokens issued into it. Issuing into a family and revoking it serialize on the family's row.
 */
@ApplicationScoped
public class RefreshTokens {

    private final Pool pool;
    private final SecretHasher hasher;
    private final TokenConfig config;
    private final Clock clock;

    RefreshTokens(Pool pool, SecretHasher hasher, TokenConfig config, Clock clock) {
        this.pool = pool;
        this.hasher = hasher;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a family for a user authorization (in the caller's transaction). An offline family ({@code
     * offline_access}) outlives the session; any other ends when its session does (it starts revoked when the session
     * already ended), and at the latest when the session would expire.
     */
    public Uni<Void> startFamily(SqlClient sql, Family family) {
        return sql.preparedQuery("""
                        insert into token_family (id, tenant_id, user_id, client_id, sid, auth_time, offline, created_at,
                            expires_at, revoked_at, organization_id)
                        select $1, $2, $3, $4, $5, $6, $7, now(),
                            case when $7 then now() + $8 * interval '1 millisecond'
                                else least(now() + $9 * interval '1 millisecond', s.expires_at) end,
                            case when not $7 and s.ended_at is not null then now() end, $10
                        from (select 1) one left join sso_session s on s.sid = $5""")
                .execute(Tuple.from(new Object[] {
                    family.id(),
                    family.tenantId(),
                    family.userId(),
                    family.clientId(),
                    family.sid(),
                    family.authTime().atOffset(ZoneOffset.UTC),
                    family.offline(),
                    config.offlineTokenMaxLifetime().toMillis(),
                    config.refreshTokenMaxLifetime().toMillis(),
                    family.organizationId()
                }))
                .replaceWithVoid();
    }

    public Uni<Void> startFamily(Family family) {
        return startFamily(pool, family);
    }

    /**
     * Records an access token issued into a live family and, when {@code scope} is given, issues a refresh token with
     * it. Empty when the family was revoked or ended meanwhile: nothing may then be handed out.
     */
    public Uni<Optional<Recorded>> record(String family, String jti, Instant accessExpiresAt, String scope) {
        var token = scope == null ? null : hasher.newSecret();
        return pool.withTransaction(sql -> sql.preparedQuery("""
                                with f as (
                                    select id, offline, expires_at from token_family
                                    where id = $1 and revoked_at is null and expires_at > now() for share),
                                access as (
                                    insert into family_access_token (family_id, jti, expires_at)
                                    select id, $2, $3 from f),
                                refresh as (
                                    insert into refresh_token (token_hash, family_id, scope, expires_at)
                                    select $4, id, $5,
                                        least(case when offline then $7::timestamptz else $6::timestamptz end, expires_at) from f
                                    where $4::text is not null)
                                select offline from f""").execute(Tuple.from(new Object[] {
                    family,
                    jti,
                    accessExpiresAt.atOffset(ZoneOffset.UTC),
                    token == null ? null : hasher.hash(token),
                    scope,
                    clock.instant().plus(config.refreshTokenIdleLifetime()).atOffset(ZoneOffset.UTC),
                    clock.instant().plus(config.offlineTokenIdleLifetime()).atOffset(ZoneOffset.UTC)
                })))
                .map(rows -> rows.size() == 0 ? Optional.<Recorded>empty() : Optional.of(new Recorded(token)));
    }

    /** A refresh token's grant whatever its state (revocation accepts spent and revoked tokens too). */
    public Uni<Optional<Grant>> find(String token) {
        return pool.preparedQuery("select * from refresh_token r join token_family f on f.id = r.family_id"
                        + " where r.token_hash = $1")
                .execute(Tuple.of(hasher.hash(token)))
                .map(RefreshTokens::first);
    }

    /** A live (unspent, unrevoked, unexpired) refresh token's grant, without spending it. */
    public Uni<Optional<Grant>> peek(String token) {
        return pool.preparedQuery("select * from refresh_token r join token_family f on f.id = r.family_id"
                        + " where r.token_hash = $1 and r.used_at is null and f.revoked_at is null"
                        + " and r.expires_at > now()")
                .execute(Tuple.of(hasher.hash(token)))
                .map(RefreshTokens::first);
    }

    /**
     * Spends a refresh token: its grant when it was live; a reuse when it was spent before (or its family revoked);
     * nothing when unknown or expired.
     */
    public Uni<Use> use(String token) {
        var hash = hasher.hash(token);
        return pool.preparedQuery("""
                        update refresh_token r set used_at = now() from token_family f
                        where r.token_hash = $1 and f.id = r.family_id and r.used_at is null and f.revoked_at is null
                            and r.expires_at > now()
                        returning *""").execute(Tuple.of(hash)).flatMap(rows -> {
            if (rows.size() == 1) {
                return Uni.createFrom().item(new Use(read(rows.iterator().next()), false));
            }
            return pool.preparedQuery("select * from refresh_token r join token_family f on f.id = r.family_id"
                            + " where r.token_hash = $1 and (r.used_at is not null or f.revoked_at is not null)")
                    .execute(Tuple.of(hash))
                    .map(spent -> new Use(first(spent).orElse(null), spent.size() > 0));
        });
    }

    /** Revokes a family; returns the access tokens issued into it that are still valid (to revoke them too). */
    public Uni<List<RevocableToken>> revokeFamily(String family) {
        return revokeWhere("id = $1", Tuple.of(family));
    }

    /** Revokes the families of a single sign-on session that ended, except offline ones. */
    public Uni<List<RevocableToken>> revokeSession(String sid) {
        return revokeWhere("sid = $1 and not offline", Tuple.of(sid));
    }

    /** Revokes a user's families: every one, or (for a password change) all but the offline ones. */
    public Uni<List<RevocableToken>> revokeUser(UUID userId, boolean offlineToo) {
        return revokeWhere("user_id = $1 and (not offline or $2)", Tuple.of(userId, offlineToo));
    }

    /**
     * The update waits for issuances in progress (they hold the family's row in share mode); the select after it
     * therefore sees every access token they recorded.
     */
    private Uni<List<RevocableToken>> revokeWhere(String condition, Tuple parameters) {
        return pool.withTransaction(sql -> sql.preparedQuery("update token_family set revoked_at = now()"
                        + " where revoked_at is null and " + condition + " returning id")
                .execute(parameters)
                .flatMap(families -> {
                    var ids = new ArrayList<String>();
                    families.forEach(row -> ids.add(row.getString("id")));
                    return sql.preparedQuery("select a.jti, a.expires_at, f.client_id from family_access_token a"
                                    + " join token_family f on f.id = a.family_id"
                                    + " where a.family_id = any($1) and a.expires_at > now()")
                            .execute(Tuple.of((Object) ids.toArray(String[]::new)));
                })
                .map(rows -> {
                    var tokens = new ArrayList<RevocableToken>();
                    rows.forEach(row -> tokens.add(new RevocableToken(
                            row.getString("jti"),
                            row.getOffsetDateTime("expires_at").toInstant(),
                            row.getString("client_id"))));
                    return tokens;
                }));
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.query("delete from token_family where expires_at < now() - interval '1 hour'")
                .execute()
                .flatMap(
                        families -> pool.query("delete from refresh_token where expires_at < now() - interval '1 hour'")
                                .execute())
                .replaceWithVoid();
    }

    private static Optional<Grant> first(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(read(rows.iterator().next()));
    }

    private static Grant read(Row row) {
        return new Grant(
                row.getString("family_id"),
                row.getString("client_id"),
                row.getUUID("tenant_id"),
                row.getUUID("user_id"),
                row.getString("scope"),
                row.getString("sid"),
                row.getOffsetDateTime("auth_time").toInstant(),
                row.getUUID("organization_id"));
    }

    /** A family about to start: one user authorization of a client. */
    /** {@code organizationId}: the organization the authorization asked for, or null for the application's own. */
    public record Family(
            String id,
            UUID tenantId,
            UUID userId,
            String clientId,
            String sid,
            Instant authTime,
            boolean offline,
            UUID organizationId) {}

    /** {@code refreshToken} null when none was asked for. */
    public record Recorded(String refreshToken) {}

    public record Grant(
            String family,
            String clientId,
            UUID tenantId,
            UUID userId,
            String scope,
            String sid,
            Instant authTime,
            UUID organizationId) {}

    /** {@code grant} null: unknown or expired; {@code reused}: spent before, or its family revoked. */
    public record Use(Grant grant, boolean reused) {}

    public record RevocableToken(String jti, Instant expiresAt, String clientId) {}
}
