package io.nexidentity.token.clientauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;

/** HTTP Basic with the client id and secret, each form-urlencoded first (RFC 6749 section 2.3.1). */
@ApplicationScoped
public class ClientSecretBasic implements ClientAuthenticator {

    private final ClientSecrets secrets;

    private final Clock clock;

    ClientSecretBasic(ClientSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public String method() {
        return "client_secret_basic";
    }

    @Override
    public boolean presentIn(OAuthRequest request) {
        var header = request.authorization();
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    @Override
    public String claimedClientId(OAuthRequest request) {
        return credentials(request)[0];
    }

    @Override
    public Uni<RegisteredClient> verify(OAuthRequest request, RegisteredClient client) {
        if (!secrets.matches(client, credentials(request)[1], clock.instant())) {
            return Uni.createFrom().failure(OAuthError.invalidClient("Client authentication failed.", true));
        }
        return Uni.createFrom().item(client);
    }

    private static String[] credentials(OAuthRequest request) {
        try {
            var decoded = new String(
                    Base64.getDecoder()
                            .decode(request.authorization().substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw OAuthError.invalidClient("Malformed Basic credentials.", true);
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic credentials.", true);
        }
    }
}
