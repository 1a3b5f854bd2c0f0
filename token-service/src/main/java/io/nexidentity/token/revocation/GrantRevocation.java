package io.nexidentity.token.revocation;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.GrantReplayed;
import io.nexidentity.events.auth.AuthEvents.TokenRevoked;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.refresh.RefreshTokens;
import io.nexidentity.token.refresh.RefreshTokens.RevocableToken;

/**
 * Revokes token families with the access tokens issued into them, on every instance (through the revocation events):
 * when a grant is replayed, when a client revokes a refresh token (RFC 7009 section 2.1), when a session ends and when
 * a user is disabled, deleted or changes password.
 */
@ApplicationScoped
public class GrantRevocation {

    private final RefreshTokens refreshTokens;
    private final RevokedTokens revoked;
    private final HotPathEvents events;
    private final MeterRegistry registry;

    GrantRevocation(RefreshTokens refreshTokens, RevokedTokens revoked, HotPathEvents events, MeterRegistry registry) {
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.events = events;
        this.registry = registry;
    }

    /** @return the ids of the access tokens revoked with the family */
    public Uni<List<String>> revokeFamily(UUID tenantId, String family) {
        return refreshTokens.revokeFamily(family).flatMap(tokens -> revokeAccessTokens(tenantId, tokens));
    }

    /** Ends what a single sign-on session issued, except offline families. */
    public Uni<List<String>> revokeSession(UUID tenantId, String sid) {
        return refreshTokens.revokeSession(sid).flatMap(tokens -> revokeAccessTokens(tenantId, tokens));
    }

    /** Ends what a user was issued: every family, or all but the offline ones. */
    public Uni<List<String>> revokeUser(UUID tenantId, UUID userId, boolean offlineToo) {
        return refreshTokens.revokeUser(userId, offlineToo).flatMap(tokens -> revokeAccessTokens(tenantId, tokens));
    }

    /** Revokes a replayed grant's family and publishes the replay ({@code type}) with what was revoked. */
    public Uni<Void> replayed(
            EventType<GrantReplayed> type, UUID tenantId, UUID userId, String clientId, String family) {
        Counter.builder("nexid.grant.replays")
                .description("Spent authorization codes or refresh tokens presented again (their family is revoked)")
                .tag("type", type.type())
                .register(registry)
                .increment();
        return revokeFamily(tenantId, family)
                .call(revokedJtis -> events.publish(
                        type,
                        userId.toString(),
                        tenantId.toString(),
                        new GrantReplayed(userId.toString(), clientId, family, revokedJtis)))
                .replaceWithVoid();
    }

    private Uni<List<String>> revokeAccessTokens(UUID tenantId, List<RevocableToken> tokens) {
        return Multi.createFrom()
                .iterable(tokens)
                .onItem()
                .transformToUniAndConcatenate(token -> revoked.revoke(token.jti(), token.expiresAt())
                        .call(() -> events.publish(
                                AuthEvents.TOKEN_REVOKED,
                                token.jti(),
                                tenantId.toString(),
                                new TokenRevoked(token.jti(), token.clientId(), "access_token", token.expiresAt())))
                        .replaceWith(token.jti()))
                .collect()
                .asList();
    }
}
