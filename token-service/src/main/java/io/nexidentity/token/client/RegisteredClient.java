package io.nexidentity.token.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.client.ClientEvents.SecretHash;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.token.device.DeviceAuthorizationEndpoint;

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
        String accessTokenSigningAlg,
        List<String> adminPermissions) {

    public static final String BOOTSTRAP_PROFILE = "bootstrap";
    public static final String ADMIN_PROFILE = "admin";
    public static final String ADMIN_AUDIENCE = "nexidentity-admin";
    public static final String ADMIN_SCOPE = "nexidentity.admin";

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
                serviceAccount(client) ? withAdminScope(client.scopes()) : client.scopes(),
                client.secrets(),
                client.jwks(),
                client.tlsClientAuthSubjectDn(),
                client.certificateThumbprints(),
                client.accessTokenSigningAlg(),
                serviceAccount(client) ? List.copyOf(client.adminPermissions()) : List.of());
    }

    /** An automation client granted admin permissions: it may ask for the admin scope, and its tokens carry them. */
    private static boolean serviceAccount(ClientSnapshot client) {
        return client.adminPermissions() != null && !client.adminPermissions().isEmpty();
    }

    private static List<String> withAdminScope(List<String> scopes) {
        var all = new ArrayList<>(scopes);
        if (!all.contains(ADMIN_SCOPE)) {
            all.add(ADMIN_SCOPE);
        }
        return List.copyOf(all);
    }

    /** The admin permissions its access tokens carry when they are for the admin APIs; none for most clients. */
    public List<String> adminPermissionsOrNone() {
        return adminPermissions == null ? List.of() : adminPermissions;
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
                null,
                List.of());
    }

    /**
     * A tenant's admin client: public, for the device grant and refresh, with the admin scope. Its tokens carry the
     * permissions of the signed-in member's roles; people without an admin role get none.
     */
    public static RegisteredClient admin(UUID tenantId) {
        return new RegisteredClient(
                ClientIds.adminClientId(tenantId),
                tenantId,
                null,
                null,
                null,
                ADMIN_PROFILE,
                true,
                null,
                List.of("authorization_code", DeviceAuthorizationEndpoint.GRANT_TYPE, "refresh_token"),
                Set.of("none"),
                List.of(),
                List.of(),
                List.of("openid", "offline_access", ADMIN_SCOPE),
                List.of(),
                null,
                null,
                List.of(),
                null,
                List.of());
    }

    public boolean adminClient() {
        return ADMIN_PROFILE.equals(profile);
    }

    /** Whether the authorization response may go to {@code redirectUri}: a registered one, or a loopback one (admin). */
    public boolean acceptsRedirect(String redirectUri) {
        return adminClient() ? LoopbackRedirects.accepts(redirectUri) : redirectUris.contains(redirectUri);
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
        return grantedScopes.contains(ADMIN_SCOPE) ? List.of(applicationKey, ADMIN_AUDIENCE) : List.of(applicationKey);
    }
}
