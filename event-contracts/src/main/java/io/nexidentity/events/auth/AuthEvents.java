package io.nexidentity.events.auth;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;

/**
 * Events of the token-service, on {@code nexid.auth.v1}. Produced off the request path: issuing a token never waits on
 * Kafka, and an event that cannot be delivered is spilled to the outbox.
 */
public final class AuthEvents {

    public static final EventType<TokenIssued> TOKEN_ISSUED = type("nexid.token.issued.v1", TokenIssued.class);
    public static final EventType<TokenRevoked> TOKEN_REVOKED = type("nexid.token.revoked.v1", TokenRevoked.class);
    public static final EventType<ClientAuthenticationFailed> CLIENT_AUTHENTICATION_FAILED =
            type("nexid.client_authentication.failed.v1", ClientAuthenticationFailed.class);
    public static final EventType<SigningKeyChanged> SIGNING_KEY_ROTATED =
            type("nexid.signing_key.rotated.v1", SigningKeyChanged.class);

    public static final EventType<SignInSucceeded> SIGN_IN_SUCCEEDED =
            type("nexid.sign_in.succeeded.v1", SignInSucceeded.class);
    public static final EventType<SignInFailed> SIGN_IN_FAILED = type("nexid.sign_in.failed.v1", SignInFailed.class);
    public static final EventType<SessionEnded> SESSION_ENDED = type("nexid.session.ended.v1", SessionEnded.class);
    public static final EventType<GrantReplayed> AUTHORIZATION_CODE_REPLAYED =
            type("nexid.authorization.code_replayed.v1", GrantReplayed.class);
    public static final EventType<GrantReplayed> REFRESH_TOKEN_REUSE_DETECTED =
            type("nexid.refresh_token.reuse_detected.v1", GrantReplayed.class);
    public static final EventType<AuthorizationDenied> AUTHORIZATION_DENIED =
            type("nexid.authorization.denied.v1", AuthorizationDenied.class);

    public static final EventType<DeviceAuthorization> DEVICE_AUTHORIZATION_REQUESTED =
            type("nexid.device.authorization_requested.v1", DeviceAuthorization.class);
    public static final EventType<DeviceAuthorization> DEVICE_AUTHORIZATION_APPROVED =
            type("nexid.device.authorization_approved.v1", DeviceAuthorization.class);
    public static final EventType<DeviceAuthorization> DEVICE_AUTHORIZATION_DENIED =
            type("nexid.device.authorization_denied.v1", DeviceAuthorization.class);

    public static final List<EventType<?>> ALL = List.of(
            TOKEN_ISSUED,
            TOKEN_REVOKED,
            CLIENT_AUTHENTICATION_FAILED,
            SIGNING_KEY_ROTATED,
            SIGN_IN_SUCCEEDED,
            SIGN_IN_FAILED,
            SESSION_ENDED,
            AUTHORIZATION_CODE_REPLAYED,
            REFRESH_TOKEN_REUSE_DETECTED,
            AUTHORIZATION_DENIED,
            DEVICE_AUTHORIZATION_REQUESTED,
            DEVICE_AUTHORIZATION_APPROVED,
            DEVICE_AUTHORIZATION_DENIED);

    private AuthEvents() {}

    private static <P> EventType<P> type(String name, Class<P> payload) {
        return new EventType<>(name, Topic.AUTH, payload);
    }

    /** An access token was issued; subject is the token's {@code jti}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** {@code organizationId}: the organization of the client the token was issued to. */
    public record TokenIssued(
            String grantType,
            String clientId,
            String organizationId,
            String subject,
            String scope,
            List<String> audience,
            String jti,
            Instant expiresAt,
            String authenticationMethod) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TokenRevoked(String jti, String clientId, String tokenType, Instant expiresAt) {}

    /** A refused client authentication at a token-service endpoint (never the presented secret). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClientAuthenticationFailed(String clientId, String method, String endpoint, String reason) {}

    /** Platform-wide: a signing key changed state (published ahead, activated, retired, expired). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SigningKeyChanged(String kid, String alg, String status, Instant at) {}

    /** A user signed in at the hosted sign-in page; subject is the user id. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SignInSucceeded(
            String userId, String organizationId, String clientId, String sid, String method, String ipAddress) {}

    /**
     * A refused sign-in; subject is the user id when the user exists. {@code reason}: unknown_user, no_password,
     * wrong_password, user_disabled, rate_limited.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SignInFailed(String userId, String username, String clientId, String reason, String ipAddress) {}

    /** A single sign-on session ended (RP-initiated logout); subject is the user id. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SessionEnded(String userId, String sid, String clientId, String reason) {}

    /**
     * A used authorization code or rotated refresh token was presented again: what was issued from it is revoked.
     * Subject is the user id.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GrantReplayed(String userId, String clientId, String family, List<String> revokedJtis) {}

    /**
     * A user was refused tokens for an application whose external-consumption policy admits none of the user's
     * organizations; subject is the user id, {@code organizationId} the application's organization and
     * {@code requestedOrganizationId} the one the relying party asked for (null when it asked for none).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AuthorizationDenied(
            String userId,
            String clientId,
            String applicationId,
            String organizationId,
            String requestedOrganizationId,
            String policy,
            String reason) {}

    /**
     * A step of the device authorization grant (RFC 8628): requested by a device, then approved or denied by a user on
     * the verification page. Subject is the user code; {@code user_id} is set once a user decided.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** {@code organizationId}: the organization of the device's client. */
    public record DeviceAuthorization(
            String clientId, String organizationId, String userCode, String scope, String userId) {}
}
