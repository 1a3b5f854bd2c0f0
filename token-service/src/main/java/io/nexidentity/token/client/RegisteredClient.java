package io.nexidentity.token.client;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.client.ClientEvents.SecretHash;

/**
 * A client as the token-service authenticates and authorizes it: a client-service client, or a tenant's bootstrap
 * admin client. {@code authMethods} are the token endpoint authentication methods it is registered for;
 * {@code accessTokenSigningAlg} is null where its tokens are signed as its tenant chose.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisteredClient(
        String clientId,
        UUID tenantId,
        UUID organizationId,
        UUID applicationId,
        String applicationKey,
        String profile,
        boolean active,
        Instant expiresAt,
        List<String> grantTypes,
        Set<String> authMethods,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> scopes,
        List<SecretHash> secrets,
        String jwks,
        String tlsClientAuthSubjectDn,
        List<String> certificateThumbprints,
        String accessTokenSigningAlg) {

    public static final String BOOTSTRAP_PROFILE = "bootstrap";
    public static final String ADMIN_AUDIENCE = "nexidentity-admin";

    public static RegisteredClient of(ClientSnapshot client) {
        return new RegisteredClient(
                client.clientId(),
                client.tenantId(),
                client.organizationId(),
                client.applicationId(),
                client.applicationKey(),
                client.profile(),
                "active".equals(client.status()),
                null,
                client.grantTypes(),
                Set.of(client.tokenEndpointAuthMethod()),
                client.redirectUris(),
                client.postLogoutRedirectUris(),
                client.scopes(),
                client.secrets(),
                client.jwks(),
                client.tlsClientAuthSubjectDn(),
                client.certificateThumbprints(),
                client.accessTokenSigningAlg());
    }

    /** A tenant's bootstrap admin client: client credentials with the admin scope, secret in Basic or the body. */
    public static RegisteredClient bootstrap(
            String clientId,
            UUID tenantId,
            UUID organizationId,
            String secretHash,
            List<String> scopes,
            Instant expiresAt,
            boolean active) {
        return new RegisteredClient(
                clientId,
                tenantId,
                organizationId,
                null,
                null,
                BOOTSTRAP_PROFILE,
                active,
                expiresAt,
                List.of("client_credentials"),
                Set.of("client_secret_basic", "client_secret_post"),
                List.of(),
                List.of(),
                scopes,
                List.of(new SecretHash(null, secretHash, null, expiresAt)),
                null,
                null,
                List.of(),
                null);
    }

    /** Usable now: enabled and, for bootstrap clients, not past their validity. */
    public boolean usableAt(Instant now) {
        return active && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** The audiences of this client's access tokens: its application's key, and the admin APIs for admin scopes. */
    public List<String> audienceFor(Set<String> grantedScopes) {
        if (applicationKey == null) {
            return List.of(ADMIN_AUDIENCE);
        }
        return grantedScopes.contains("nexidentity.admin")
                ? List.of(applicationKey, ADMIN_AUDIENCE)
                : List.of(applicationKey);
    }
}
