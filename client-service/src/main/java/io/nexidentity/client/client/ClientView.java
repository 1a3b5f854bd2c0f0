package io.nexidentity.client.client;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.nexidentity.client.secret.ClientSecret;
import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.client.ClientEvents.SecretHash;

/**
 * A client as the admin API shows it. {@code client_secret} is present only in the response that created it (shown
 * once; stored only as a keyed hash).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(
        String clientId,
        UUID applicationId,
        String applicationKey,
        UUID organizationId,
        String name,
        String profile,
        String status,
        List<String> grantTypes,
        String tokenEndpointAuthMethod,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> scopes,
        @JsonRawValue String jwks,
        String tlsClientAuthSubjectDn,
        List<String> certificateThumbprints,
        String accessTokenSigningAlg,
        List<String> adminPermissions,
        Instant createdAt,
        Instant updatedAt,
        String clientSecret,
        Instant clientSecretExpiresAt) {

    public static ClientView of(Client client) {
        return of(client, null, null);
    }

    public static ClientView of(Client client, String secret, Instant secretExpiresAt) {
        return new ClientView(
                client.id,
                client.applicationId,
                client.applicationKey,
                client.organizationId,
                client.name,
                client.profile.wireName(),
                client.status.name().toLowerCase(Locale.ROOT),
                client.profile.grantTypes(),
                client.tokenEndpointAuthMethod.wireName(),
                client.redirectUris,
                client.postLogoutRedirectUris,
                client.scopes,
                client.jwks,
                client.tlsClientAuthSubjectDn,
                client.certificateThumbprints,
                client.accessTokenSigningAlg,
                client.adminPermissions,
                client.createdAt,
                client.updatedAt,
                secret,
                secretExpiresAt);
    }

    /** The client as events and the internal API carry it: secrets still valid at {@code now} as keyed hashes. */
    public static ClientSnapshot snapshot(Client client, String status, List<ClientSecret> secrets, Instant now) {
        return new ClientSnapshot(
                client.id,
                client.tenantId,
                client.organizationId,
                client.applicationId,
                client.applicationKey,
                client.name,
                client.profile.wireName(),
                status,
                client.profile.grantTypes(),
                client.tokenEndpointAuthMethod.wireName(),
                client.redirectUris,
                client.postLogoutRedirectUris,
                client.scopes,
                secrets.stream()
                        .filter(secret -> secret.validAt(now))
                        .map(secret -> new SecretHash(secret.id, secret.hash, secret.createdAt, secret.expiresAt))
                        .toList(),
                client.jwks,
                client.tlsClientAuthSubjectDn,
                client.certificateThumbprints,
                client.accessTokenSigningAlg,
                client.adminPermissions);
    }
}
