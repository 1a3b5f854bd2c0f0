package io.nexidentity.token.grant;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.clientauth.ClientAuthentication.AuthenticatedClient;
import io.nexidentity.token.issuance.AccessTokenIssuer;
import io.nexidentity.token.mtls.ClientCertificates;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;

/**
 * The client credentials grant (RFC 6749 section 4.4): a confidential client gets an access token for itself, with the
 * requested scopes (all of its granted scopes when none are requested), for its application, which must be active. A
 * client that authenticated with its TLS certificate gets a token bound to it (RFC 8705 section 3).
 */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

    private final AccessTokenIssuer issuer;
    private final ApplicationGate applications;

    ClientCredentialsGrant(AccessTokenIssuer issuer, ApplicationGate applications) {
        this.issuer = issuer;
        this.applications = applications;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public Uni<JsonObject> handle(OAuthRequest request, AuthenticatedClient authenticated) {
        var client = authenticated.client();
        var scopes = grantedScopes(request.list("scope"), client);
        return applications.requireActive(client).flatMap(ready -> {
            var claims = new LinkedHashMap<String, Object>();
            claims.put("tenant_id", client.tenantId().toString());
            claims.put("organization_id", client.organizationId().toString());
            if (scopes.contains(RegisteredClient.ADMIN_SCOPE)
                    && !client.adminPermissionsOrNone().isEmpty()) {
                // a service account: the admin APIs grant exactly these, not the owner's everything
                claims.put("permissions", client.adminPermissionsOrNone());
            }
            if (authenticated.certificateThumbprint() != null) {
                claims.put("cnf", ClientCertificates.confirmation(authenticated.certificateThumbprint()));
            }
            return issuer.issue(
                            request.issuer(),
                            client,
                            client.clientId(),
                            scopes,
                            client.audienceFor(scopes),
                            claims,
                            grantType(),
                            authenticated.method())
                    .map(token -> new JsonObject()
                            .put("access_token", token.value())
                            .put("token_type", "Bearer")
                            .put("expires_in", token.expiresIn())
                            .put("scope", token.scope()));
        });
    }

    static Set<String> grantedScopes(Set<String> requested, RegisteredClient client) {
        if (requested == null) {
            return new LinkedHashSet<>(client.scopes());
        }
        for (var scope : requested) {
            if (!client.scopes().contains(scope)) {
                throw OAuthError.invalidScope("The client was not granted the scope " + scope + ".");
            }
        }
        return requested;
    }
}
