package io.nexidentity.token.session;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.issuer.TenantIssuer;

/**
 * Single sign-on sessions. The browser holds a random 256-bit value in an HttpOnly, SameSite=Lax cookie (Secure when
 * the issuer is https); the database holds only its keyed hash, so a leaked table opens no session.
 */
@ApplicationScoped
public class SsoSessions {

    public static final String COOKIE = "nexid_session";

    private final Pool pool;
    private final SecretHasher hasher;
    private final TokenConfig config;
    private final Clock clock;

    SsoSessions(Pool pool, SecretHasher hasher, TokenConfig config, Clock clock) {
        this.pool = pool;
        this.hasher = hasher;
        this.config = config;
        this.clock = clock;
    }

    /** Starts a session for a user who just signed in, and sets its cookie. */
    public Uni<SsoSession> start(RoutingContext context, UUID tenantId, UUID userId) {
        var value = hasher.newSecret();
        var now = clock.instant();
        var session = new SsoSession(hasher.newSecret(), tenantId, userId, now, now.plus(config.sessionLifetime()));
        return pool.preparedQuery("insert into sso_session (id_hash, sid, tenant_id, user_id, auth_time, expires_at)"
                        + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(
                        hasher.hash(value),
                        session.sid(),
                        tenantId,
                        userId,
                        now.atOffset(ZoneOffset.UTC),
                        session.expiresAt().atOffset(ZoneOffset.UTC)))
                .invoke(() -> context.response()
                        .addCookie(cookie(context, value)
                                .setMaxAge(config.sessionLifetime().toSeconds())))
                .replaceWith(session);
    }

    /** The browser's current session at the tenant's issuer, if it has a live one. */
    public Uni<Optional<SsoSession>> current(RoutingContext context) {
        var cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("select * from sso_session"
                        + " where id_hash = $1 and tenant_id = $2 and ended_at is null and expires_at > $3")
                .execute(Tuple.of(
                        hasher.hash(cookie.getValue()),
                        TenantIssuer.of(context).tenantId(),
                        clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    /** Ends the browser's session at the tenant's issuer (if any) and removes its cookie. */
    public Uni<Optional<SsoSession>> end(RoutingContext context) {
        var cookie = context.request().getCookie(COOKIE);
        context.response().addCookie(cookie(context, "").setMaxAge(0));
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("update sso_session set ended_at = now()"
                        + " where id_hash = $1 and tenant_id = $2 and ended_at is null returning *")
                .execute(Tuple.of(
                        hasher.hash(cookie.getValue()), TenantIssuer.of(context).tenantId()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    /** Ends every live session of a user (disabled, deleted, password changed). */
    public Uni<Integer> endAllOf(UUID userId) {
        return pool.preparedQuery("update sso_session set ended_at = now() where user_id = $1 and ended_at is null")
                .execute(Tuple.of(userId))
                .map(rows -> rows.rowCount());
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.query("delete from sso_session where expires_at < now() - interval '1 hour'")
                .execute()
                .replaceWithVoid();
    }

    /** The session cookie, sent only to the tenant's issuer: tenants on one host share no sessions. */
    private static Cookie cookie(RoutingContext context, String value) {
        var issuer = TenantIssuer.of(context);
        return Cookie.cookie(COOKIE, value)
                .setPath(issuer.cookiePath(""))
                .setHttpOnly(true)
                .setSecure(issuer.secure())
                .setSameSite(CookieSameSite.LAX);
    }

    private static SsoSession read(Row row) {
        return new SsoSession(
                row.getString("sid"),
                row.getUUID("tenant_id"),
                row.getUUID("user_id"),
                row.getOffsetDateTime("auth_time").toInstant(),
                row.getOffsetDateTime("expires_at").toInstant());
    }

    /** A live session: who signed in, to which tenant, when. {@code sid} is the OIDC session id in ID tokens. */
    public record SsoSession(String sid, UUID tenantId, UUID userId, Instant authTime, Instant expiresAt) {}
}
