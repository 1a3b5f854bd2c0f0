package io.nexidentity.token.authorize;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Pending authorization requests, shared by all instances (the sign-in form may reach any of them). */
@ApplicationScoped
public class AuthorizationRequests {

    private final Pool pool;

    private final Clock clock;

    AuthorizationRequests(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Void> save(AuthorizationRequest request) {
        return pool.preparedQuery("""
                        insert into authorization_request (id, csrf_token, client_id, tenant_id, redirect_uri, scope, state,
                            nonce, code_challenge, max_age, login_hint, expires_at, organization_id)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                .execute(Tuple.from(Arrays.asList(
                        request.id(),
                        request.csrfToken(),
                        request.clientId(),
                        request.tenantId(),
                        request.redirectUri(),
                        request.scope(),
                        request.state(),
                        request.nonce(),
                        request.codeChallenge(),
                        request.maxAge(),
                        request.loginHint(),
                        request.expiresAt().atOffset(ZoneOffset.UTC),
                        request.organizationId())))
                .replaceWithVoid();
    }

    /** The request, unless it expired. */
    public Uni<Optional<AuthorizationRequest>> find(String id) {
        return pool.preparedQuery("select * from authorization_request where id = $1 and expires_at > $2")
                .execute(Tuple.of(id, clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    /** Removes a completed request: its form cannot be submitted twice. */
    public Uni<Boolean> complete(String id) {
        return pool.preparedQuery("delete from authorization_request where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.query("delete from authorization_request where expires_at < now() - interval '1 hour'")
                .execute()
                .replaceWithVoid();
    }

    private static AuthorizationRequest read(Row row) {
        return new AuthorizationRequest(
                row.getString("id"),
                row.getString("csrf_token"),
                row.getString("client_id"),
                row.getUUID("tenant_id"),
                row.getString("redirect_uri"),
                row.getString("scope"),
                row.getString("state"),
                row.getString("nonce"),
                row.getString("code_challenge"),
                row.getInteger("max_age"),
                row.getString("login_hint"),
                row.getUUID("organization_id"),
                row.getOffsetDateTime("expires_at").toInstant());
    }
}
