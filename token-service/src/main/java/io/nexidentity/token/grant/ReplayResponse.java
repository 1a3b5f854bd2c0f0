package io.nexidentity.token.grant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.GrantReplayed;
import io.nexidentity.events.auth.AuthEvents.TokenRevoked;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.refresh.RefreshTokens;
import io.nexidentity.token.refresh.RefreshTokens.RevocableToken;
import io.nexidentity.token.revocation.RevokedTokens;

/**
 * What a replayed grant (a redeemed authorization code, a rotated refresh token) costs: every token issued from it is
 * revoked, on every instance (through the revocation events), and the replay is an event.
 */
@ApplicationScoped
public class ReplayResponse {

    private final RefreshTokens refreshTokens;
    private final RevokedTokens revoked;
    private final HotPathEvents events;

    ReplayResponse(RefreshTokens refreshTokens, RevokedTokens revoked, HotPathEvents events) {
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.events = events;
    }

    /**
     * @param issued access tokens known to have been issued from the grant
     * @param family the refresh token family it started, if any
     */
    public Uni<Void> revoke(
            EventType<GrantReplayed> type,
            UUID tenantId,
            UUID userId,
            String clientId,
            List<RevocableToken> issued,
            String family) {
        var familyTokens =
                family == null ? Uni.createFrom().item(List.<RevocableToken>of()) : refreshTokens.revokeFamily(family);
        return familyTokens.flatMap(fromFamily -> {
            var all = new LinkedHashMap<String, RevocableToken>();
            issued.forEach(token -> all.put(token.jti(), token));
            fromFamily.forEach(token -> all.put(token.jti(), token));
            return Multi.createFrom()
                    .iterable(all.values())
                    .onItem()
                    .transformToUniAndConcatenate(token -> revoked.revoke(token.jti(), token.expiresAt())
                            .invoke(() -> events.publish(
                                    AuthEvents.TOKEN_REVOKED,
                                    token.jti(),
                                    tenantId.toString(),
                                    new TokenRevoked(token.jti(), clientId, "access_token", token.expiresAt()))))
                    .collect()
                    .asList()
                    .invoke(() -> events.publish(
                            type,
                            userId.toString(),
                            tenantId.toString(),
                            new GrantReplayed(userId.toString(), clientId, family, List.copyOf(all.keySet()))))
                    .replaceWithVoid();
        });
    }
}
