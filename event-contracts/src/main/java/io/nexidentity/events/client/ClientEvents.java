package io.nexidentity.events.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;
import io.nexidentity.events.application.ApplicationEvents.QuotaReached;

/** Events of the client-service, on {@code nexid.client.v1}. Each carries the whole client as the token-service needs it. */
public final class ClientEvents {

    public static final EventType<ClientSnapshot> CLIENT_CREATED =
            type("nexid.client.created.v1", ClientSnapshot.class);
    public static final EventType<ClientSnapshot> CLIENT_UPDATED =
            type("nexid.client.updated.v1", ClientSnapshot.class);
    public static final EventType<ClientSnapshot> CLIENT_DISABLED =
            type("nexid.client.disabled.v1", ClientSnapshot.class);
    public static final EventType<ClientSnapshot> CLIENT_ENABLED =
            type("nexid.client.enabled.v1", ClientSnapshot.class);
    public static final EventType<ClientSnapshot> CLIENT_DELETED =
            type("nexid.client.deleted.v1", ClientSnapshot.class);
    public static final EventType<ClientSnapshot> CLIENT_SECRET_ROTATED =
            type("nexid.client.secret_rotated.v1", ClientSnapshot.class);
    public static final EventType<ClientSnapshot> CLIENT_SECRET_REVOKED =
            type("nexid.client.secret_revoked.v1", ClientSnapshot.class);
    public static final EventType<QuotaReached> CLIENT_QUOTA_REACHED =
            type("nexid.client.quota_reached.v1", QuotaReached.class);

    public static final List<EventType<?>> ALL = List.of(
            CLIENT_CREATED,
            CLIENT_UPDATED,
            CLIENT_DISABLED,
            CLIENT_ENABLED,
            CLIENT_DELETED,
            CLIENT_SECRET_ROTATED,
            CLIENT_SECRET_REVOKED,
            CLIENT_QUOTA_REACHED);

    private ClientEvents() {}

    private static <P> EventType<P> type(String name, Class<P> payload) {
        return new EventType<>(name, Topic.CLIENT, payload);
    }

    /**
     * An OAuth client with everything needed to authenticate and authorize it; secrets only as keyed hashes. Served
     * by the client-service's internal API for read-through.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClientSnapshot(
            String clientId,
            UUID tenantId,
            UUID organizationId,
            UUID applicationId,
            String applicationKey,
            String name,
            String profile,
            String status,
            List<String> grantTypes,
            String tokenEndpointAuthMethod,
            List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            List<String> scopes,
            List<SecretHash> secrets,
            String jwks,
            String tlsClientAuthSubjectDn,
            List<String> certificateThumbprints,
            String accessTokenSigningAlg,
            List<String> adminPermissions) {}

    /** A client secret as its keyed hash, valid until {@code expires_at} (null: until rotated or revoked). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SecretHash(UUID secretId, String hash, Instant createdAt, Instant expiresAt) {}
}
