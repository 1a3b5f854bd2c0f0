package io.nexidentity.token.clientauth;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;

/** {@code client_id} and {@code client_secret} in the form body (RFC 6749 section 2.3.1). */
@ApplicationScoped
public class ClientSecretPost implements ClientAuthenticator {

    private final ClientSecrets secrets;

    private final Clock clock;

    ClientSecretPost(ClientSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public String method() {
        return "client_secret_post";
    }

    @Override
    public boolean presentIn(OAuthRequest request) {
        return request.param("client_secret") != null;
    }

    @Override
    public String claimedClientId(OAuthRequest request) {
        return request.required("client_id");
    }

    @Override
    public Uni<RegisteredClient> verify(OAuthRequest request, RegisteredClient client) {
        if (!secrets.matches(client, request.param("client_secret"), clock.instant())) {
            return Uni.createFrom().failure(OAuthError.invalidClient("Client authentication failed.", false));
        }
        return Uni.createFrom().item(client);
    }
}
