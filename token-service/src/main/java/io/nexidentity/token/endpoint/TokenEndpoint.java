package io.nexidentity.token.endpoint;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.token.clientauth.ClientAuthentication;
import io.nexidentity.token.grant.GrantHandler;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.oauth.OAuthResponses;

/**
 * {@code POST /token} (RFC 6749 section 3.2): authenticates the client, checks it is registered for the grant type, and
 * hands the request to the grant's handler.
 */
@ApplicationScoped
public class TokenEndpoint {

    private final Map<String, GrantHandler> grants;
    private final ClientAuthentication authentication;
    private final MeterRegistry registry;

    TokenEndpoint(Instance<GrantHandler> grants, ClientAuthentication authentication, MeterRegistry registry) {
        this.grants =
                grants.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, Function.identity()));
        this.authentication = authentication;
        this.registry = registry;
    }

    public Set<String> grantTypes() {
        return grants.keySet();
    }

    void handle(RoutingContext context) {
        var counted = "unsupported";
        try {
            var request = OAuthRequest.of(context);
            var grantType = request.required("grant_type");
            var grant = grants.get(grantType);
            if (grant == null) {
                throw OAuthError.unsupportedGrantType("The grant type " + grantType + " is not supported.");
            }
            counted = grantType;
            var measured = grantType;
            authentication
                    .authenticate(request, "token", grant.allowsPublicClients())
                    .flatMap(client -> {
                        if (!client.client().grantTypes().contains(grantType)) {
                            throw OAuthError.unauthorizedClient(
                                    "The client is not registered for the " + grantType + " grant.");
                        }
                        return grant.handle(request, client);
                    })
                    .subscribe()
                    .with(
                            body -> {
                                count(measured, "issued");
                                OAuthResponses.json(context, 200, body);
                            },
                            failure -> {
                                count(measured, outcome(failure));
                                OAuthResponses.failure(context, failure);
                            });
        } catch (RuntimeException e) {
            count(counted, outcome(e));
            OAuthResponses.failure(context, e);
        }
    }

    /** Token requests by grant type (only the supported ones name theirs) and outcome (issued, or the error code). */
    private void count(String grantType, String outcome) {
        Counter.builder("nexid.token.requests")
                .description("Token endpoint requests by grant type and outcome")
                .tag("grant_type", grantType)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static String outcome(Throwable failure) {
        return failure instanceof OAuthError error ? error.error() : "server_error";
    }
}
