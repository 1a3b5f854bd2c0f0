package io.nexidentity.token.revocation;

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

/**
 * Revokes what one authorization grant issued: its refresh token family and the access tokens issued from it, on
 * every instance (through the revocation events). Used when a grant is replayed and when a client revokes a refresh
 * token (RFC 7009 section 2.1).
 */
@ApplicationScoped
public class GrantRevocation {

    private final RefreshTokens refreshTokens;
    private final RevokedTokens revoked;
    private final HotPathEvents events;

    GrantRevocation(RefreshTokens refreshTokens, RevokedTokens revoked, HotPathEvents events) {
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.events = events;
    }

    /**
     * @param issued access tokens known to have been issued from the grant
     * @param family the refresh token family it started, if any
     * @return the ids of the access tokens revoked
     */
    public Uni<List<String>> revoke(UUID tenantId, String clientId, List<RevocableToken> issued, String family) {
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
                    .replaceWith(List.copyOf(all.keySet()));
        });
    }

    /** Revokes a replayed grant and publishes the replay ({@code type}) with what was revoked. */
    public Uni<Void> replayed(
            EventType<GrantReplayed> type,
            UUID tenantId,
            UUID userId,
            String clientId,
            List<RevocableToken> issued,
            String family) {
        return revoke(tenantId, clientId, issued, family)
                .invoke(revokedJtis -> events.publish(
                        type,
                        userId.toString(),
                        tenantId.toString(),
                        new GrantReplayed(userId.toString(), clientId, family, revokedJtis)))
                .replaceWithVoid();
    }
}
