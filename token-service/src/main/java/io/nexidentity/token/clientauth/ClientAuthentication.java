package io.nexidentity.token.clientauth;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.smallrye.mutiny.Uni;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.ClientAuthenticationFailed;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;

/**
 * Authenticates the client of a token-endpoint request with exactly one method (RFC 6749 section 2.3), the one the
 * client is registered for. Every refusal is an event.
 */
@ApplicationScoped
public class ClientAuthentication {

    static final String NONE = "none";

    private final List<ClientAuthenticator> authenticators;
    private final ClientRegistry clients;
    private final HotPathEvents events;

    ClientAuthentication(Instance<ClientAuthenticator> authenticators, ClientRegistry clients, HotPathEvents events) {
        this.authenticators = authenticators.stream().toList();
        this.clients = clients;
        this.events = events;
    }

    /**
     * @param allowPublic whether a public client (registered for {@code none}) may identify itself by {@code
     *     client_id} alone; the grant must then bind the request otherwise (PKCE)
     */
    public Uni<AuthenticatedClient> authenticate(OAuthRequest request, String endpoint, boolean allowPublic) {
        var presented = authenticators.stream()
                .filter(method -> method.presentIn(request))
                .toList();
        if (presented.size() > 1) {
            return Uni.createFrom().failure(OAuthError.invalidRequest("Use exactly one client authentication method."));
        }
        if (presented.isEmpty()) {
            var clientId = request.param("client_id");
            if (!allowPublic || clientId == null) {
                return Uni.createFrom().failure(OAuthError.invalidClient("Client authentication is required.", false));
            }
            return registered(clientId, NONE, endpoint, false).map(client -> new AuthenticatedClient(client, NONE));
        }
        var method = presented.get(0);
        var headerAuthentication = "client_secret_basic".equals(method.method());
        String clientId;
        try {
            clientId = method.claimedClientId(request);
        } catch (OAuthError refused) {
            failed(null, null, method.method(), endpoint, refused.getMessage());
            return Uni.createFrom().failure(refused);
        }
        var formClientId = request.param("client_id");
        if (formClientId != null && !formClientId.equals(clientId)) {
            return Uni.createFrom()
                    .failure(OAuthError.invalidClient(
                            "client_id does not match the credentials.", headerAuthentication));
        }
        return registered(clientId, method.method(), endpoint, headerAuthentication)
                .flatMap(client -> method.verify(request, client)
                        .onFailure(OAuthError.class)
                        .invoke(refused -> failed(client, clientId, method.method(), endpoint, refused.getMessage())))
                .map(client -> new AuthenticatedClient(client, method.method()));
    }

    private Uni<RegisteredClient> registered(
            String clientId, String method, String endpoint, boolean headerAuthentication) {
        return clients.find(clientId).map(found -> {
            var client = found.orElse(null);
            String reason = null;
            if (client == null) {
                reason = "unknown client";
            } else if (!client.authMethods().contains(method)) {
                reason = "client is not registered for " + method;
            } else if (!client.usableAt(Instant.now())) {
                reason = "client is disabled or expired";
            }
            if (reason != null) {
                failed(client, clientId, method, endpoint, reason);
                throw OAuthError.invalidClient("Client authentication failed.", headerAuthentication);
            }
            return client;
        });
    }

    private void failed(RegisteredClient client, String clientId, String method, String endpoint, String reason) {
        events.publish(
                AuthEvents.CLIENT_AUTHENTICATION_FAILED,
                clientId,
                client == null ? null : client.tenantId().toString(),
                new ClientAuthenticationFailed(clientId, method, endpoint, reason));
    }

    /** A client that proved who it is, and how. */
    public record AuthenticatedClient(RegisteredClient client, String method) {}
}
