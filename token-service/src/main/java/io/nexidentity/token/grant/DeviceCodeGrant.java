package io.nexidentity.token.grant;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import io.nexidentity.token.clientauth.ClientAuthentication.AuthenticatedClient;
import io.nexidentity.token.device.DeviceAuthorizationEndpoint;
import io.nexidentity.token.device.DeviceAuthorizations;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.refresh.RefreshTokens;

/**
 * The device grant's token request (RFC 8628 section 3.4 and 3.5): while the user has not decided,
 * {@code authorization_pending}; polling faster than the interval, {@code slow_down} (and the interval grows by five
 * seconds); {@code access_denied}, {@code expired_token}; once approved, the user's tokens, issued once.
 */
@ApplicationScoped
public class DeviceCodeGrant implements GrantHandler {

    private final DeviceAuthorizations devices;
    private final UserTokens tokens;
    private final ApplicationGate applications;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    DeviceCodeGrant(
            DeviceAuthorizations devices,
            UserTokens tokens,
            ApplicationGate applications,
            RefreshTokens refreshTokens,
            Clock clock) {
        this.devices = devices;
        this.tokens = tokens;
        this.applications = applications;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return DeviceAuthorizationEndpoint.GRANT_TYPE;
    }

    @Override
    public boolean allowsPublicClients() {
        return true;
    }

    @Override
    public Uni<JsonObject> handle(OAuthRequest request, AuthenticatedClient authenticated) {
        var client = authenticated.client();
        var deviceCode = request.required("device_code");
        return devices.poll(deviceCode).flatMap(found -> {
            var poll = found.orElseThrow(() -> OAuthError.invalidGrant("The device code is invalid."));
            var device = poll.device();
            if (!device.clientId().equals(client.clientId())) {
                throw OAuthError.invalidGrant("The device code was issued to another client.");
            }
            if (!device.expiresAt().isAfter(clock.instant())) {
                throw error("expired_token", "The device code expired; start over.");
            }
            switch (device.status()) {
                case "denied" -> throw error("access_denied", "The user denied the request.");
                case "consumed" -> throw OAuthError.invalidGrant("The device code was already used.");
                case "pending" ->
                    throw poll.tooFast()
                            ? error("slow_down", "Poll less often: wait interval + 5 seconds.")
                            : error("authorization_pending", "The user has not decided yet.");
                default -> {
                    // approved
                }
            }
            var scopes = new LinkedHashSet<>(List.of(device.scope().split(" ")));
            var family = new RefreshTokens.Family(
                    UUID.randomUUID().toString(),
                    device.tenantId(),
                    device.userId(),
                    client.clientId(),
                    device.sid(),
                    device.authTime(),
                    scopes.contains("offline_access"),
                    null);
            var grant = new UserTokens.UserGrant(
                    device.tenantId(),
                    device.userId(),
                    scopes,
                    device.sid(),
                    device.authTime(),
                    null,
                    null,
                    family.id());
            return applications
                    .requireActive(client)
                    .flatMap(active -> refreshTokens.startFamily(family))
                    .flatMap(started ->
                            tokens.issue(request.issuer(), grant, client, grantType(), authenticated.method()));
        });
    }

    private static OAuthError error(String code, String description) {
        return new OAuthError(code, description, 400, null);
    }
}
