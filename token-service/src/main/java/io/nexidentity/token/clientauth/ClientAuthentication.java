package io.nexidentity.token.clientauth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.ClientAuthenticationFailed;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.mtls.ClientCertificates;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;

/**
 * Authenticates the client of a token-endpoint request with exactly one method (RFC 6749 section 2.3), the one the
 * client is registered for. Every refusal is an event.
 */
@ApplicationScoped
public class ClientAuthentication {

    public static final String NONE = "none";

    private final List<ClientAuthenticator> authenticators;
    private final List<CertificateAuthenticator> certificateAuthenticators;
    private final ClientRegistry clients;
    private final HotPathEvents events;
    private final MeterRegistry registry;
    private final Clock clock;

    ClientAuthentication(
            Instance<ClientAuthenticator> authenticators,
            Instance<CertificateAuthenticator> certificateAuthenticators,
            ClientRegistry clients,
            HotPathEvents events,
            MeterRegistry registry,
            Clock clock) {
        this.authenticators = authenticators.stream().toList();
        this.certificateAuthenticators = certificateAuthenticators.stream().toList();
        this.clients = clients;
        this.events = events;
        this.registry = registry;
        this.clock = clock;
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
            if (clientId == null) {
                return Uni.createFrom().failure(OAuthError.invalidClient("Client authentication is required.", false));
            }
            return withoutCredentials(request, clientId, endpoint, allowPublic);
        }
        var method = presented.get(0);
        var headerAuthentication = "client_secret_basic".equals(method.method());
        String clientId;
        try {
            clientId = method.claimedClientId(request);
        } catch (OAuthError refused) {
            failed(request, null, method.method(), endpoint, refused.getMessage());
            return Uni.createFrom().failure(refused);
        }
        var formClientId = request.param("client_id");
        if (formClientId != null && !formClientId.equals(clientId)) {
            return Uni.createFrom()
                    .failure(OAuthError.invalidClient(
                            "client_id does not match the credentials.", headerAuthentication));
        }
        return clients.find(clientId)
                .map(found -> registered(request, found, clientId, method.method(), endpoint, headerAuthentication))
                .flatMap(client -> method.verify(request, client)
                        .onFailure(OAuthError.class)
                        .invoke(refused -> failed(request, clientId, method.method(), endpoint, refused.getMessage())))
                .map(client -> new AuthenticatedClient(client, method.method(), null));
    }

    /**
     * A request naming its client by {@code client_id} only: the client's registered method says whether it proves
     * itself with its TLS certificate (RFC 8705) or is a public client.
     */
    private Uni<AuthenticatedClient> withoutCredentials(
            OAuthRequest request, String clientId, String endpoint, boolean allowPublic) {
        return clients.find(clientId).map(found -> {
            var byCertificate = found.flatMap(client -> certificateAuthenticators.stream()
                    .filter(method -> client.authMethods().contains(method.method()))
                    .findFirst());
            if (byCertificate.isEmpty()) {
                if (!allowPublic) {
                    throw OAuthError.invalidClient("Client authentication is required.", false);
                }
                return new AuthenticatedClient(registered(request, found, clientId, NONE, endpoint, false), NONE, null);
            }
            var method = byCertificate.get();
            var client = registered(request, found, clientId, method.method(), endpoint, false);
            var chain = request.clientCertificates();
            try {
                if (chain == null) {
                    throw OAuthError.invalidClient(
                            "The client authenticates with its TLS certificate, and none was presented.", false);
                }
                method.verify(chain, client);
            } catch (OAuthError refused) {
                failed(request, clientId, method.method(), endpoint, refused.getMessage());
                throw refused;
            }
            return new AuthenticatedClient(client, method.method(), ClientCertificates.thumbprint(chain[0]));
        });
    }

    /**
     * The client, when it may authenticate here: a client of another tenant is refused exactly as an unknown one (its
     * existence is not the business of this tenant's callers).
     */
    private RegisteredClient registered(
            OAuthRequest request,
            Optional<RegisteredClient> found,
            String clientId,
            String method,
            String endpoint,
            boolean headerAuthentication) {
        var client = found.orElse(null);
        String reason = null;
        if (!ClientIds.valid(clientId)) {
            reason = "malformed client id";
        } else if (client == null) {
            reason = "unknown client";
        } else if (!client.tenantId().equals(request.issuer().tenantId())) {
            reason = "client of another tenant";
        } else if (!client.authMethods().contains(method)) {
            reason = "client is not registered for " + method;
        } else if (!client.usableAt(clock.instant())) {
            reason = "client is disabled or expired";
        }
        if (reason != null) {
            failed(request, clientId, method, endpoint, reason);
            throw OAuthError.invalidClient("Client authentication failed.", headerAuthentication);
        }
        return client;
    }

    /**
     * A refusal, as an event of the tenant whose endpoint was called; a client id that is not one is recorded only as
     * far as it can be shown safely.
     */
    private void failed(OAuthRequest request, String clientId, String method, String endpoint, String reason) {
        var named = clientId == null || ClientIds.valid(clientId) ? clientId : shown(clientId);
        Counter.builder("nexid.client_authentication.failures")
                .description("Client authentications refused, by endpoint and method")
                .tag("endpoint", endpoint)
                .tag("method", String.valueOf(method))
                .register(registry)
                .increment();
        events.publish(
                AuthEvents.CLIENT_AUTHENTICATION_FAILED,
                named,
                request.issuer().tenantId().toString(),
                new ClientAuthenticationFailed(named, method, endpoint, reason));
    }

    private static String shown(String untrusted) {
        var shown = new StringBuilder();
        untrusted.codePoints().limit(64).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return shown.toString();
    }

    /**
     * A client that proved who it is, and how.
     *
     * @param certificateThumbprint the {@code x5t#S256} of the TLS certificate it authenticated with, or null
     */
    public record AuthenticatedClient(RegisteredClient client, String method, String certificateThumbprint) {}
}
