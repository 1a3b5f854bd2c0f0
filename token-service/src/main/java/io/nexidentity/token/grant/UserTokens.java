package io.nexidentity.token.grant;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import io.nexidentity.events.tenant.Directory.MembershipContext;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.issuance.AccessTokenIssuer;
import io.nexidentity.token.issuance.AccessTokenIssuer.IssuedToken;
import io.nexidentity.token.issuance.IdTokenIssuer;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.refresh.RefreshTokens;
import io.nexidentity.token.user.UserDirectory;

/**
 * The token response for a signed-in user (authorization code, device and refresh grants): an access token with the
 * user's tenant context when {@code tenant_context} or {@code nexidentity.api} is granted, an ID token for {@code
 * openid}, and a refresh token for clients registered for the refresh grant, all recorded in the grant's token family
 * (and refused when the family was revoked meanwhile). The user's current status and membership come
 * from the directory's memory, which events keep current, so a disabled user or a changed role counts at once.
 */
@ApplicationScoped
public class UserTokens {

    private final UserDirectory users;
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;
    private final RefreshTokens refreshTokens;
    private final ConsumptionPolicy consumption;

    UserTokens(
            UserDirectory users,
            AccessTokenIssuer accessTokens,
            IdTokenIssuer idTokens,
            RefreshTokens refreshTokens,
            ConsumptionPolicy consumption) {
        this.users = users;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.refreshTokens = refreshTokens;
        this.consumption = consumption;
    }

    public Uni<JsonObject> issue(
            TenantIssuer issuer,
            UserGrant grant,
            RegisteredClient client,
            String grantType,
            String authenticationMethod) {
        return users.user(grant.tenantId(), grant.userId())
                .map(found -> found.filter(UserContext::active)
                        .orElseThrow(() -> OAuthError.invalidGrant("The user is disabled or gone.")))
                .flatMap(user -> consumption
                        .membership(client, user, grant.organizationId())
                        .flatMap(membership ->
                                issue(issuer, grant, client, grantType, authenticationMethod, user, membership)));
    }

    private Uni<JsonObject> issue(
            TenantIssuer issuer,
            UserGrant grant,
            RegisteredClient client,
            String grantType,
            String authenticationMethod,
            UserContext user,
            Optional<MembershipContext> membership) {
        var claims = new LinkedHashMap<String, Object>();
        claims.put("sid", grant.sid());
        if (client.adminClient()) {
            claims.putAll(AdminAccess.of(user, grantType).claims(user));
        } else if (grant.scopes().contains("tenant_context") || grant.scopes().contains("nexidentity.api")) {
            claims.put("user_id", user.userId().toString());
            claims.put("tenant_id", user.tenantId().toString());
            membership.ifPresent(member -> {
                claims.put("organization_id", member.organizationId().toString());
                claims.put("membership_id", member.membershipId().toString());
                claims.put("perm_ver", member.permVer());
            });
        }
        return accessTokens
                .issue(
                        issuer,
                        client,
                        user.userId().toString(),
                        grant.scopes(),
                        client.audienceFor(grant.scopes()),
                        claims,
                        grantType,
                        authenticationMethod)
                .flatMap(accessToken -> respond(issuer, client, user, grant, accessToken));
    }

    private Uni<JsonObject> respond(
            TenantIssuer issuer, RegisteredClient client, UserContext user, UserGrant grant, IssuedToken accessToken) {
        var response = new JsonObject()
                .put("access_token", accessToken.value())
                .put("token_type", "Bearer")
                .put("expires_in", accessToken.expiresIn())
                .put("scope", accessToken.scope());
        if (grant.scopes().contains("openid")) {
            response.put(
                    "id_token",
                    idTokens.issue(
                            issuer,
                            client,
                            user.userId().toString(),
                            grant.authTime(),
                            grant.nonce(),
                            grant.sid(),
                            accessToken.value()));
        }
        var refreshScope = client.grantTypes().contains("refresh_token") ? accessToken.scope() : null;
        return refreshTokens
                .record(grant.family(), accessToken.jti(), accessToken.expiresAt(), refreshScope)
                .map(recorded -> {
                    var refreshToken = recorded.orElseThrow(
                                    () -> OAuthError.invalidGrant("The authorization was revoked or has ended."))
                            .refreshToken();
                    if (refreshToken != null) {
                        response.put("refresh_token", refreshToken);
                    }
                    return response;
                });
    }

    /**
     * What the user authorized: tenant, user, scopes, session, the organization the relying party asked for (null: the
     * application's own), and the token family its tokens are issued into.
     */
    public record UserGrant(
            UUID tenantId,
            UUID userId,
            Set<String> scopes,
            String sid,
            Instant authTime,
            String nonce,
            UUID organizationId,
            String family) {}
}
