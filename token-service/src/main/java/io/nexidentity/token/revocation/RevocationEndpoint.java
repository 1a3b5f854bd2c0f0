package io.nexidentity.token.revocation;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.TokenRevoked;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.clientauth.ClientAuthentication;
import io.nexidentity.token.introspection.AccessTokenVerifier;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.oauth.OAuthResponses;

/**
 * {@code POST /revoke} (RFC 7009): a client revokes one of its own tokens. The answer is 200 whether or not the token
 * was valid or is the caller's, so it reveals nothing.
 */
@ApplicationScoped
public class RevocationEndpoint {

    private final ClientAuthentication authentication;
    private final AccessTokenVerifier verifier;
    private final RevokedTokens revoked;
    private final HotPathEvents events;

    RevocationEndpoint(
            ClientAuthentication authentication,
            AccessTokenVerifier verifier,
            RevokedTokens revoked,
            HotPathEvents events) {
        this.authentication = authentication;
        this.verifier = verifier;
        this.revoked = revoked;
        this.events = events;
    }

    public void handle(RoutingContext context) {
        try {
            var request = OAuthRequest.of(context);
            var token = request.required("token");
            authentication
                    .authenticate(request, "revoke", true)
                    .flatMap(caller -> {
                        var claims = verifier.verify(token, true).orElse(null);
                        if (claims == null || !caller.client().clientId().equals(claims.getClaim("client_id"))) {
                            return Uni.createFrom().voidItem();
                        }
                        var expiresAt = claims.getExpirationTime().toInstant();
                        return revoked.revoke(claims.getJWTID(), expiresAt)
                                .invoke(() -> events.publish(
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
}
