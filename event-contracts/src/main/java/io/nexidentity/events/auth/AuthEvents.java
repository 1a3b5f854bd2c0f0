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

    public static final List<EventType<?>> ALL =
            List.of(TOKEN_ISSUED, TOKEN_REVOKED, CLIENT_AUTHENTICATION_FAILED, SIGNING_KEY_ROTATED);

    private AuthEvents() {}

    private static <P> EventType<P> type(String name, Class<P> payload) {
        return new EventType<>(name, Topic.AUTH, payload);
    }

    /** An access token was issued; subject is the token's {@code jti}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TokenIssued(
            String grantType,
            String clientId,
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
}
