package io.nexidentity.ctl;

import java.time.Instant;
import java.util.Map;

/**
 * A signed-in session as kept in {@code session.json}: whose tokens, where to get new ones and where the admin APIs
 * are. A person's session ({@code kind} {@code person}) renews its access token with the refresh token; a service
 * account's ({@code service}) asks for a new one with its secret from {@code NEXIDCTL_CLIENT_SECRET}, never stored.
 */
public record Session(
        String kind,
        String issuer,
        String clientId,
        String tokenEndpoint,
        Map<String, String> api,
        String accessToken,
        String refreshToken,
        long expiresAt) {

    static final String PERSON = "person";
    static final String SERVICE = "service";

    boolean expiresBefore(Instant instant) {
        return expiresAt <= instant.getEpochSecond();
    }

    Session withTokens(String newAccessToken, String newRefreshToken, long newExpiresAt) {
        return new Session(
                kind,
                issuer,
                clientId,
                tokenEndpoint,
                api,
                newAccessToken,
                newRefreshToken == null ? refreshToken : newRefreshToken,
                newExpiresAt);
    }
}
