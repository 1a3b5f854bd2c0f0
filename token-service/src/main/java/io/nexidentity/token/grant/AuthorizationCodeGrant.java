package io.nexidentity.token.grant;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.token.authorize.AuthorizationCodes;
import io.nexidentity.token.authorize.Pkce;
import io.nexidentity.token.clientauth.ClientAuthentication.AuthenticatedClient;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.revocation.GrantRevocation;

/**
 * The authorization code grant (RFC 6749 section 4.1.3) with PKCE (RFC 7636): the code is redeemed once, by the client
 * it was issued to, with the same redirect URI, and with the verifier of its S256 challenge. A code presented again
 * revokes everything issued from it.
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private final AuthorizationCodes codes;
    private final UserTokens tokens;
    private final ApplicationGate applications;
    private final GrantRevocation replays;

    AuthorizationCodeGrant(
            AuthorizationCodes codes, UserTokens tokens, ApplicationGate applications, GrantRevocation replays) {
        this.codes = codes;
        this.tokens = tokens;
        this.applications = applications;
        this.replays = replays;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    /** Public clients may redeem codes: PKCE binds the code to the client instance that asked for it. */
    @Override
    public boolean allowsPublicClients() {
        return true;
    }

    @Override
    public Uni<JsonObject> handle(OAuthRequest request, AuthenticatedClient authenticated) {
        var client = authenticated.client();
        var code = request.required("code");
        var redirectUri = request.required("redirect_uri");
        var verifier = request.required("code_verifier");
        if (!VERIFIER.matcher(verifier).matches()) {
            throw OAuthError.invalidRequest("code_verifier must be 43 to 128 unreserved characters (RFC 7636).");
        }
        return codes.redeem(code).flatMap(redemption -> {
            var grant = redemption.grant();
            if (grant == null) {
                throw OAuthError.invalidGrant("The authorization code is invalid or expired.");
            }
            if (redemption.replayed()) {
                return replays.replayed(
                                AuthEvents.AUTHORIZATION_CODE_REPLAYED,
                                grant.tenantId(),
                                grant.userId(),
                                grant.clientId(),
                                grant.family())
                        .flatMap(revoked -> Uni.createFrom()
                                .<JsonObject>failure(OAuthError.invalidGrant("The authorization code was already used;"
                                        + " the tokens issued from it are revoked.")));
            }
            if (!grant.clientId().equals(client.clientId())) {
                throw OAuthError.invalidGrant("The authorization code was issued to another client.");
            }
            if (!grant.redirectUri().equals(redirectUri)) {
                throw OAuthError.invalidGrant("redirect_uri does not match the authorization request.");
            }
            if (!Pkce.matches(verifier, grant.codeChallenge())) {
                throw OAuthError.invalidGrant("code_verifier does not match the code_challenge.");
            }
            var userGrant = new UserTokens.UserGrant(
                    grant.tenantId(),
                    grant.userId(),
                    grant.scopes(),
                    grant.sid(),
                    grant.authTime(),
                    grant.nonce(),
                    grant.organizationId(),
                    grant.family());
            return applications
                    .requireActive(client)
                    .flatMap(active ->
                            tokens.issue(request.issuer(), userGrant, client, grantType(), authenticated.method()));
        });
    }
}
