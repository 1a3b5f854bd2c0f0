package io.nexidentity.token.introspection;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jwt.JWTClaimsSet;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.token.application.ApplicationRegistry;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.clientauth.ClientAuthentication;
import io.nexidentity.token.clientauth.ClientAuthentication.AuthenticatedClient;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.oauth.OAuthResponses;

/**
 * {@code POST /introspect} (RFC 7662) for authenticated clients. A token is active when it is valid and its client and
 * application still are. A caller only learns about tokens meant for it (RFC 7662 section 4): tokens whose audience is
 * its own application, or that were issued to it; tokens for the platform's admin APIs are never shown to anyone.
 * Anything else is {@code active: false}, exactly like an unknown token.
 */
@ApplicationScoped
public class IntrospectionEndpoint {

    private static final JsonObject INACTIVE = new JsonObject().put("active", false);

    private final ClientAuthentication authentication;
    private final AccessTokenVerifier verifier;
    private final ForeignTokens foreign;
    private final ClientRegistry clients;
    private final ApplicationRegistry applications;

    private final Clock clock;

    IntrospectionEndpoint(
            ClientAuthentication authentication,
            AccessTokenVerifier verifier,
            ForeignTokens foreign,
            ClientRegistry clients,
            ApplicationRegistry applications,
            Clock clock) {
        this.authentication = authentication;
        this.verifier = verifier;
        this.foreign = foreign;
        this.clients = clients;
        this.applications = applications;
        this.clock = clock;
    }

    public void handle(RoutingContext context) {
        try {
            var request = OAuthRequest.of(context);
            var token = request.required("token");
            authentication
                    .authenticate(request, "introspect", false)
                    .flatMap(caller -> introspect(request.issuer(), caller, token))
                    .subscribe()
                    .with(
                            body -> OAuthResponses.json(context, 200, body),
                            failure -> OAuthResponses.failure(context, failure));
        } catch (RuntimeException e) {
            OAuthResponses.failure(context, e);
        }
    }

    private Uni<JsonObject> introspect(TenantIssuer issuer, AuthenticatedClient caller, String token) {
        var verified = verifier.verify(issuer, token, false);
        if (verified.isEmpty()) {
            foreign.refused(issuer, token, "introspect");
            return Uni.createFrom().item(INACTIVE);
        }
        var claims = verified.get();
        var tenant = stringClaim(claims, "tenant_id");
        if (tenant == null
                || !tenant.equals(caller.client().tenantId().toString())
                || !meantFor(caller.client(), claims)) {
            return Uni.createFrom().item(INACTIVE);
        }
        return stillAuthorized(claims).map(authorized -> authorized ? active(claims) : INACTIVE);
    }

    private static boolean meantFor(RegisteredClient caller, JWTClaimsSet claims) {
        var audience = claims.getAudience();
        if (audience.contains(RegisteredClient.ADMIN_AUDIENCE)) {
            return false;
        }
        return caller.clientId().equals(stringClaim(claims, "client_id"))
                || (caller.applicationKey() != null && audience.contains(caller.applicationKey()));
    }

    /** The token's client is still enabled and its application still active. */
    private Uni<Boolean> stillAuthorized(JWTClaimsSet claims) {
        var clientId = stringClaim(claims, "client_id");
        return clients.find(clientId).flatMap(found -> {
            if (found.isEmpty() || !found.get().usableAt(clock.instant())) {
                return Uni.createFrom().item(false);
            }
            var applicationId = found.get().applicationId();
            if (applicationId == null) {
                return Uni.createFrom().item(true);
            }
            return applications
                    .find(applicationId)
                    .map(application ->
                            application.map(a -> "active".equals(a.status())).orElse(false));
        });
    }

    private static JsonObject active(JWTClaimsSet claims) {
        var body = new JsonObject().put("active", true).put("token_type", "Bearer");
        claims.getClaims().forEach((name, value) -> {
            switch (name) {
                case "exp", "iat", "nbf" -> body.put(name, ((Date) value).getTime() / 1000);
                case "aud" -> body.put("aud", new JsonArray(claims.getAudience()));
                default -> body.put(name, value);
            }
        });
        return body;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return Optional.ofNullable(claims.getClaim(name)).map(Object::toString).orElse(null);
    }
}
