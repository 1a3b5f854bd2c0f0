package io.nexidentity.token.revocation;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.TokenRevoked;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.clientauth.ClientAuthentication;
import io.nexidentity.token.introspection.AccessTokenVerifier;
import io.nexidentity.token.introspection.ForeignTokens;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.oauth.OAuthResponses;
import io.nexidentity.token.refresh.RefreshTokens;

/**
 * {@code POST /revoke} (RFC 7009): a client revokes one of its own tokens, an access token or a refresh token (with its
 * family and the access tokens issued from it). The answer is 200 whether or not the token was valid or is the
 * caller's, so it reveals nothing.
 */
@ApplicationScoped
public class RevocationEndpoint {

    private final ClientAuthentication authentication;
    private final AccessTokenVerifier verifier;
    private final ForeignTokens foreign;
    private final RevokedTokens revoked;
    private final HotPathEvents events;
    private final RefreshTokens refreshTokens;
    private final GrantRevocation grants;

    RevocationEndpoint(
            ClientAuthentication authentication,
            AccessTokenVerifier verifier,
            ForeignTokens foreign,
            RevokedTokens revoked,
            HotPathEvents events,
            RefreshTokens refreshTokens,
            GrantRevocation grants) {
        this.authentication = authentication;
        this.verifier = verifier;
        this.foreign = foreign;
        this.revoked = revoked;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
    }

    public void handle(RoutingContext context) {
        try {
            var request = OAuthRequest.of(context);
            var token = request.required("token");
            authentication
                    .authenticate(request, "revoke", true)
                    .flatMap(caller -> {
                        var claims =
                                verifier.verify(request.issuer(), token, true).orElse(null);
                        if (claims == null) {
                            return revokeRefreshToken(caller.client().clientId(), token);
                        }
                        if (!caller.client().clientId().equals(claims.getClaim("client_id"))) {
                            return Uni.createFrom().voidItem();
                        }
                        var expiresAt = claims.getExpirationTime().toInstant();
                        return revoked.revoke(claims.getJWTID(), expiresAt)
                                .call(() -> events.publish(
                                        AuthEvents.TOKEN_REVOKED,
                                        claims.getJWTID(),
                                        caller.client().tenantId().toString(),
                                        new TokenRevoked(
                                                claims.getJWTID(),
                                                caller.client().clientId(),
                                                "access_token",
                                                expiresAt)));
                    })
                    .subscribe()
                    .with(
                            done -> context.response()
                                    .setStatusCode(200)
                                    .putHeader("Cache-Control", "no-store")
                                    .end(),
                            failure -> OAuthResponses.failure(context, failure));
        } catch (RuntimeException e) {
            OAuthResponses.failure(context, e);
        }
    }

    /**
     * A refresh token of the caller's: its whole family goes, and the access tokens issued from it (RFC 7009 section
     * 2.1). Anything else, the caller's or not, is answered the same way and left alone.
     */
    private Uni<Void> revokeRefreshToken(String clientId, String token) {
        return refreshTokens
                .find(token)
                .flatMap(found -> found.filter(grant -> grant.clientId().equals(clientId))
                        .map(grant -> grants.revokeFamily(grant.tenantId(), grant.family())
                                .replaceWithVoid())
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }
}
