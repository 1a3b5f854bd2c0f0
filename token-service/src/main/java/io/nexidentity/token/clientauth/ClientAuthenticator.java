package io.nexidentity.token.clientauth;

import io.smallrye.mutiny.Uni;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.oauth.OAuthRequest;

/** One client authentication method at the token endpoints. Adding a method adds an implementation. */
public interface ClientAuthenticator {

    /** The method's registered name, e.g. {@code client_secret_basic}. */
    String method();

    /** Whether the request carries this method's credentials. */
    boolean presentIn(OAuthRequest request);

    /** The client id the credentials claim. */
    String claimedClientId(OAuthRequest request);

    /**
     * Checks the credentials against the client, which is registered for this method; fails with {@code
     * invalid_client}.
     */
    Uni<RegisteredClient> verify(OAuthRequest request, RegisteredClient client);
}
