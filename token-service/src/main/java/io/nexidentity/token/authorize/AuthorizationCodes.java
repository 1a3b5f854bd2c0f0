package io.nexidentity.token.authorize;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.refresh.RefreshTokens;

/**
 * Authorization codes: 256-bit random values, stored as keyed hashes, short-lived and redeemable once. Redeeming is
 * one atomic update, so two concurrent redemptions cannot both succeed; a redeemed code names the token family of what
 * it issued so that a replay can revoke it (RFC 6749 section 4.1.2).
 */
@ApplicationScoped
public class AuthorizationCodes {

    static final String OFFLINE_ACCESS = "offline_access";

    private final Pool pool;
    private final SecretHasher hasher;
    private final TokenConfig config;
    private final RefreshTokens families;
    private final Clock clock;

    AuthorizationCodes(Pool pool, SecretHasher hasher, TokenConfig config, RefreshTokens families, Clock clock) {
        this.pool = pool;
        this.hasher = hasher;
        this.config = config;
        this.families = families;
        this.clock = clock;
    }

    /** Issues a code for a signed-in user; returns the code to send to the client. */
    public Uni<String> issue(AuthorizationRequest request, UUID userId, String sid, Instant authTime) {
        var code = hasher.newSecret();
        var expiresAt = clock.instant().plus(config.authorizationCodeLifetime());
        return pool.preparedQuery("""
                        insert into authorization_code (code_hash, client_id, tenant_id, user_id, redirect_uri, scope, nonce,
                            code_challenge, sid, auth_time, expires_at, organization_id)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
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
                        expiresAt.atOffset(ZoneOffset.UTC),
                        request.organizationId())))
                .replaceWith(code);
    }

    /**
     * Redeems a code: the grant it carries, or a replay (it was redeemed before), or nothing (unknown or expired). The
     * token family of what the code issues starts in the redemption's transaction, so a replay, however soon, finds
     * the family to revoke.
     */
    public Uni<Redemption> redeem(String code) {
        var hash = hasher.hash(code);
        var family = UUID.randomUUID().toString();
        return pool.withTransaction(sql -> sql.preparedQuery("update authorization_code set redeemed_at = $3,"
                                + " family_id = $2 where code_hash = $1 and redeemed_at is null and expires_at > $3"
                                + " returning *")
                        .execute(Tuple.of(hash, family, clock.instant().atOffset(ZoneOffset.UTC)))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().nullItem();
                            }
                            var grant = read(rows.iterator().next());
                            return families.startFamily(
                                            sql,
                                            new RefreshTokens.Family(
                                                    family,
                                                    grant.tenantId(),
                                                    grant.userId(),
                                                    grant.clientId(),
                                                    grant.sid(),
                                                    grant.authTime(),
                                                    grant.scopes().contains(OFFLINE_ACCESS),
                                                    grant.organizationId()))
                                    .replaceWith(new Redemption(grant, false));
                        }))
                .flatMap(redeemed -> redeemed != null
                        ? Uni.createFrom().item(redeemed)
                        : pool.preparedQuery(
                                        "select * from authorization_code where code_hash = $1 and redeemed_at is not null")
                                .execute(Tuple.of(hash))
                                .map(replayed -> replayed.size() == 0
                                        ? new Redemption(null, false)
                                        : new Redemption(
                                                read(replayed.iterator().next()), true)));
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.query("delete from authorization_code where expires_at < now() - interval '1 hour'")
                .execute()
                .replaceWithVoid();
    }

    private static Grant read(Row row) {
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
                row.getUUID("organization_id"),
                row.getString("family_id"));
    }

    /**
     * What a code grants ({@code organizationId}: the organization the relying party asked for, or null), and (once
     * redeemed) the family of what it issued.
     */
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
            UUID organizationId,
            String family) {

        public Set<String> scopes() {
            return new LinkedHashSet<>(List.of(scope.split(" ")));
        }
    }

    /** {@code grant} null: no such code (or expired); {@code replayed}: the code was redeemed before. */
    public record Redemption(Grant grant, boolean replayed) {}
}
