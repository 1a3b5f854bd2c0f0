package io.nexidentity.token.device;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.DeviceAuthorization;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.clientauth.ClientAuthentication;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.grant.ApplicationGate;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.oauth.OAuthResponses;

/**
 * {@code POST /device_authorization} (RFC 8628 section 3.1): a device (public or confidential client registered for
 * the device grant) gets a device code to poll with and a user code for the user to enter at the verification URI.
 */
@ApplicationScoped
public class DeviceAuthorizationEndpoint {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    private final ClientAuthentication authentication;
    private final ApplicationGate applications;
    private final DeviceAuthorizations devices;
    private final HotPathEvents events;
    private final TokenConfig config;
    private final Clock clock;

    DeviceAuthorizationEndpoint(
            ClientAuthentication authentication,
            ApplicationGate applications,
            DeviceAuthorizations devices,
            HotPathEvents events,
            TokenConfig config,
            Clock clock) {
        this.authentication = authentication;
        this.applications = applications;
        this.devices = devices;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    public void handle(RoutingContext context) {
        try {
            var request = OAuthRequest.of(context);
            var verification = request.issuer().endpoint("/device");
            var requested = request.list("scope");
            authentication
                    .authenticate(request, "device_authorization", true)
                    .flatMap(caller -> {
                        var client = caller.client();
                        if (!client.grantTypes().contains(GRANT_TYPE)) {
                            throw OAuthError.unauthorizedClient("The client is not registered for the device grant.");
                        }
                        var scopes = requested == null ? new LinkedHashSet<>(client.scopes()) : requested;
                        for (var scope : scopes) {
                            if (!client.scopes().contains(scope)) {
                                throw OAuthError.invalidScope("The client was not granted the scope " + scope + ".");
                            }
                        }
                        var scope = String.join(" ", scopes);
                        var expiresAt = clock.instant().plus(config.deviceCodeLifetime());
                        return applications
                                .requireActive(client)
                                .flatMap(active -> devices.start(
                                        client.clientId(),
                                        client.tenantId(),
                                        client.organizationId(),
                                        scope,
                                        config.devicePollInterval(),
                                        expiresAt))
                                .invoke(started -> events.publish(
                                        AuthEvents.DEVICE_AUTHORIZATION_REQUESTED,
                                        started.userCode(),
                                        client.tenantId().toString(),
                                        new DeviceAuthorization(
                                                client.clientId(),
                                                organization(client.organizationId()),
                                                started.userCode(),
                                                scope,
                                                null)));
                    })
                    .subscribe()
                    .with(
                            started -> OAuthResponses.json(
                                    context,
                                    200,
                                    new JsonObject()
                                            .put("device_code", started.deviceCode())
                                            .put("user_code", started.userCode())
                                            .put("verification_uri", verification)
                                            .put(
                                                    "verification_uri_complete",
                                                    verification + "?user_code="
                                                            + URLEncoder.encode(
                                                                    started.userCode(), StandardCharsets.UTF_8))
                                            .put(
                                                    "expires_in",
                                                    config.deviceCodeLifetime().toSeconds())
                                            .put("interval", config.devicePollInterval())),
                            failure -> OAuthResponses.failure(context, failure));
        } catch (RuntimeException e) {
            OAuthResponses.failure(context, e);
        }
    }

    private static String organization(UUID organizationId) {
        return organizationId == null ? null : organizationId.toString();
    }
}
