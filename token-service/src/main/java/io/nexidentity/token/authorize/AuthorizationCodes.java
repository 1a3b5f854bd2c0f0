package io.nexidentity.token.authorize;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
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
 * Authorization codes: 256-bit random values, stored as keyed hashes, short-lived and redeemable once. Redeeming is
 * one atomic update, so two concurrent redemptions cannot both succeed; a redeemed code keeps what it issued so that
 * a replay can revoke it (RFC 6749 section 4.1.2).
 */
@ApplicationScoped
public class AuthorizationCodes {

    private final Pool pool;
    private final SecretHasher hasher;
    private final TokenConfig config;
    private final Clock clock = Clock.systemUTC();

    AuthorizationCodes(Pool pool, SecretHasher hasher, TokenConfig config) {
        this.pool = pool;
        this.hasher = hasher;
        this.config = config;
    }

    /** Issues a code for a signed-in user; returns the code to send to the client. */
    public Uni<String> issue(AuthorizationRequest request, UUID userId, String sid, Instant authTime) {
        var code = hasher.newSecret();
        var expiresAt = clock.instant().plus(config.authorizationCodeLifetime());
        return pool.preparedQuery("""
                        insert into authorization_code (code_hash, client_id, tenant_id, user_id, redirect_uri, scope, nonce,
                            code_challenge, sid, auth_time, expires_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                .execute(Tuple.from(Arrays.asList(
                        hasher.hash(code),
                        request.clientId(),
                        request.tenantId(),
                        userId,
                        request.redirectUri(),
                        request.scope(),
                        request.nonce(),
                        request.codeChallenge(),
                        sid,
                        authTime.atOffset(ZoneOffset.UTC),
                        expiresAt.atOffset(ZoneOffset.UTC))))
                .replaceWith(code);
    }

    /** Redeems a code: the grant it carries, or a replay (it was redeemed before), or nothing (unknown or expired). */
    public Uni<Redemption> redeem(String code) {
        var hash = hasher.hash(code);
        return pool.preparedQuery("update authorization_code set redeemed_at = now()"
                        + " where code_hash = $1 and redeemed_at is null and expires_at > now() returning *")
                .execute(Tuple.of(hash))
                .flatMap(rows -> {
                    if (rows.size() == 1) {
                        return Uni.createFrom()
                                .item(new Redemption(read(rows.iterator().next()), false));
                    }
                    return pool.preparedQuery(
                                    "select * from authorization_code where code_hash = $1 and redeemed_at is not null")
                            .execute(Tuple.of(hash))
                            .map(replayed -> replayed.size() == 0
                                    ? new Redemption(null, false)
                                    : new Redemption(read(replayed.iterator().next()), true));
                });
    }

    /** Remembers what a redeemed code issued, for revocation should it be replayed. */
    public Uni<Void> issued(String code, String jti, Instant expiresAt, String refreshFamily) {
        return pool.preparedQuery("update authorization_code set issued_jti = $2, issued_expires_at = $3,"
                        + " refresh_family = $4 where code_hash = $1")
                .execute(Tuple.of(hasher.hash(code), jti, expiresAt.atOffset(ZoneOffset.UTC), refreshFamily))
                .replaceWithVoid();
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.query("delete from authorization_code where expires_at < now() - interval '1 hour'")
                .execute()
                .replaceWithVoid();
    }

    private static Grant read(Row row) {
        var issuedExpiry = row.getOffsetDateTime("issued_expires_at");
        return new Grant(
                row.getString("client_id"),
                row.getUUID("tenant_id"),
                row.getUUID("user_id"),
                row.getString("redirect_uri"),
                row.getString("scope"),
                row.getString("nonce"),
                row.getString("code_challenge"),
                row.getString("sid"),
                row.getOffsetDateTime("auth_time").toInstant(),
                row.getString("issued_jti"),
                issuedExpiry == null ? null : issuedExpiry.toInstant(),
                row.getString("refresh_family"));
    }

    /** What a code grants, and (once redeemed) what it issued. */
    public record Grant(
            String clientId,
            UUID tenantId,
            UUID userId,
            String redirectUri,
            String scope,
            String nonce,
            String codeChallenge,
            String sid,
            Instant authTime,
            String issuedJti,
            Instant issuedExpiresAt,
            String refreshFamily) {}

    /** {@code grant} null: no such code (or expired); {@code replayed}: the code was redeemed before. */
    public record Redemption(Grant grant, boolean replayed) {}
}
