package io.nexidentity.token.grant;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import io.nexidentity.token.clientauth.ClientAuthentication.AuthenticatedClient;
import io.nexidentity.token.oauth.OAuthRequest;

/** One grant type of the token endpoint. Adding a grant adds an implementation; the endpoint knows none. */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /** Whether public clients (authenticated by nothing but their id) may use this grant. */
    default boolean allowsPublicClients() {
        return false;
    }

    /** The token response, or a failed Uni with an {@code OAuthError}. */
    Uni<JsonObject> handle(OAuthRequest request, AuthenticatedClient client);
}
