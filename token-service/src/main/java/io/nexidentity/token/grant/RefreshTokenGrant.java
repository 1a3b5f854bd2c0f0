package io.nexidentity.token.grant;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.token.clientauth.ClientAuthentication.AuthenticatedClient;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.refresh.RefreshTokens;
import io.nexidentity.token.revocation.GrantRevocation;

/**
 * The refresh token grant (RFC 6749 section 6) with rotation: each use spends the token and returns a new one of the
 * same family; a spent token presented again revokes the family (OAuth 2.0 Security BCP, refresh token rotation).
 * The requested scope may narrow, never widen, what was granted.
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

    private final RefreshTokens refreshTokens;
    private final UserTokens tokens;
    private final ApplicationGate applications;
    private final GrantRevocation replays;

    RefreshTokenGrant(
            RefreshTokens refreshTokens, UserTokens tokens, ApplicationGate applications, GrantRevocation replays) {
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.applications = applications;
        this.replays = replays;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public boolean allowsPublicClients() {
        return true;
    }

    @Override
    public Uni<JsonObject> handle(OAuthRequest request, AuthenticatedClient authenticated) {
        var client = authenticated.client();
        var token = request.required("refresh_token");
        var requested = request.list("scope");
        return refreshTokens
                .peek(token)
                .flatMap(live -> {
                    // Checked before the token is spent: a wrong client or a wider scope must not burn it.
                    live.ifPresent(grant -> {
                        if (!grant.clientId().equals(client.clientId())) {
                            throw OAuthError.invalidGrant("The refresh token was issued to another client.");
                        }
                        if (requested != null && !scopes(grant).containsAll(requested)) {
                            throw OAuthError.invalidScope("The requested scope exceeds what was granted.");
                        }
                    });
                    return refreshTokens.use(token);
                })
                .flatMap(use -> {
                    var grant = use.grant();
                    if (grant == null) {
                        throw OAuthError.invalidGrant("The refresh token is invalid or expired.");
                    }
                    if (use.reused()) {
                        return replays.replayed(
                                        AuthEvents.REFRESH_TOKEN_REUSE_DETECTED,
                                        grant.tenantId(),
                                        grant.userId(),
                                        grant.clientId(),
                                        grant.family())
                                .flatMap(
                                        revoked -> Uni.createFrom()
                                                .<JsonObject>failure(
                                                        OAuthError.invalidGrant(
                                                                "The refresh token was already used or revoked; its family is revoked.")));
                    }
                    if (!grant.clientId().equals(client.clientId())) {
                        throw OAuthError.invalidGrant("The refresh token was issued to another client.");
                    }
                    var granted = scopes(grant);
                    if (requested != null && !granted.containsAll(requested)) {
                        throw OAuthError.invalidScope("The requested scope exceeds what was granted.");
                    }
                    var userGrant = new UserTokens.UserGrant(
                            grant.tenantId(),
                            grant.userId(),
                            requested == null ? granted : requested,
                            grant.sid(),
                            grant.authTime(),
                            null,
                            grant.organizationId(),
                            grant.family());
                    return applications
                            .requireActive(client)
                            .flatMap(active -> tokens.issue(
                                    request.issuer(), userGrant, client, grantType(), authenticated.method()));
                });
    }

    private static Set<String> scopes(RefreshTokens.Grant grant) {
        return new LinkedHashSet<>(List.of(grant.scope().split(" ")));
    }
}
