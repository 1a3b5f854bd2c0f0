package io.nexidentity.token.device;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.DeviceAuthorization;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.runtime.net.ClientAddresses;
import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.authorize.FormCsrf;
import io.nexidentity.token.authorize.PasswordSignIn;
import io.nexidentity.token.authorize.SignInThrottle;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.device.DeviceAuthorizations.Device;
import io.nexidentity.token.grant.ConsumptionPolicy;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.pages.Frame;
import io.nexidentity.token.pages.PageFrames;
import io.nexidentity.token.pages.PageText;
import io.nexidentity.token.pages.Pages;
import io.nexidentity.token.session.SsoSessions;
import io.nexidentity.token.session.SsoSessions.SsoSession;

/**
 * {@code GET|POST /device}: the verification page of the device grant (RFC 8628 section 3.3). The user enters (or
 * follows a link with) the user code, signs in unless the browser has a session of the device's tenant, and allows or
 * denies. The decision form carries a CSRF token that must match a SameSite=Strict cookie; sign-in here is the same
 * throttled, audited password check as on the authorization page. An approval by a user the application's
 * external-consumption policy does not admit is recorded as a denial (the device gets {@code access_denied}).
 */
@ApplicationScoped
public class DeviceVerificationPage {

    private static final Logger LOG = Logger.getLogger(DeviceVerificationPage.class);
    private static final String INVALID = "device.invalid";

    private final DeviceAuthorizations devices;
    private final ClientRegistry clients;
    private final ConsumptionPolicy consumption;
    private final SsoSessions sessions;
    private final PasswordSignIn signIn;
    private final SignInThrottle throttle;
    private final ClientAddresses addresses;
    private final SecretHasher hasher;
    private final HotPathEvents events;
    private final FormCsrf csrf;
    private final PageFrames frames;

    DeviceVerificationPage(
            DeviceAuthorizations devices,
            ClientRegistry clients,
            ConsumptionPolicy consumption,
            SsoSessions sessions,
            PasswordSignIn signIn,
            SignInThrottle throttle,
            ClientAddresses addresses,
            SecretHasher hasher,
            HotPathEvents events,
            TokenConfig config,
            PageFrames frames) {
        this.frames = frames;
        this.devices = devices;
        this.clients = clients;
        this.consumption = consumption;
        this.sessions = sessions;
        this.signIn = signIn;
        this.throttle = throttle;
        this.addresses = addresses;
        this.hasher = hasher;
        this.events = events;
        this.csrf = new FormCsrf("nexid_device_csrf", "/device", config.deviceCodeLifetime());
    }

    public void handle(RoutingContext context) {
        var post = context.request().method() == HttpMethod.POST;
        var params =
                post ? context.request().formAttributes() : context.request().params();
        var plain = Frame.plain(PageText.of(context, params.get("ui_locales")));
        var userCode = params.get("user_code");
        if (userCode == null || userCode.isBlank()) {
            Pages.deviceCode(context, plain, 200, null);
            return;
        }
        throttle.reserve(addresses.of(context.request()))
                .flatMap(reserved -> {
                    if (reserved.isEmpty()) {
                        Pages.deviceCode(context, plain, 429, "signIn.throttled");
                        return Uni.createFrom().voidItem();
                    }
                    return devices.pending(userCode).flatMap(found -> {
                        if (found.isEmpty()) {
                            Pages.deviceCode(context, plain, 400, INVALID);
                            return Uni.createFrom().voidItem();
                        }
                        var device = found.get();
                        return throttle.succeeded(reserved.get())
                                .flatMap(released -> clients.find(device.clientId()))
                                // a user code of another tenant's device is no code at this tenant's page
                                .map(client -> client.filter(c -> c.tenantId()
                                        .equals(TenantIssuer.of(context).tenantId())))
                                .flatMap(client -> {
                                    if (client.isEmpty()) {
                                        Pages.deviceCode(context, plain, 400, INVALID);
                                        return Uni.createFrom().voidItem();
                                    }
                                    return frames.forClient(context, client.get(), params.get("ui_locales"))
                                            .flatMap(frame -> sessions.current(context)
                                                    .flatMap(session -> post
                                                            ? decide(context, frame, client.get(), device, session)
                                                            : show(context, frame, 200, device, session, null)));
                                });
                    });
                })
                .subscribe()
                .with(done -> {}, failure -> {
                    LOG.error("device verification failed", failure);
                    Pages.error(context, plain, 503, "error.deviceUnavailable");
                });
    }

    private Uni<Void> show(
            RoutingContext context,
            Frame frame,
            int status,
            Device device,
            Optional<SsoSession> session,
            String errorKey) {
        var token = hasher.newSecret();
        context.response().addCookie(csrf.cookie(TenantIssuer.of(context), token));
        Pages.deviceDecision(
                context,
                frame,
                status,
                device.userCode(),
                device.scope(),
                token,
                ownSession(session, device).isEmpty(),
                errorKey);
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> decide(
            RoutingContext context, Frame frame, RegisteredClient client, Device device, Optional<SsoSession> session) {
        var form = context.request().formAttributes();
        if (!csrf.verified(context, form.get("csrf_token"), null)) {
            Pages.error(context, frame, 403, "error.deviceFormNotVerified");
            return Uni.createFrom().voidItem();
        }
        var approve = "approve".equals(form.get("decision"));
        var signedIn = ownSession(session, device);
        if (signedIn.isPresent()) {
            return record(context, frame, client, device, signedIn.get(), approve);
        }
        if (!approve) {
            // Denying needs no account: whoever sees the code on the device may refuse it.
            return devices.decide(device.userCode(), false, null, null, null)
                    .call(decided -> publish(device, false, null))
                    .invoke(decided -> Pages.deviceDone(context, frame, false))
                    .replaceWithVoid();
        }
        return signIn.attempt(context, device.tenantId(), device.clientId(), form.get("username"), form.get("password"))
                .flatMap(outcome -> outcome.session() == null
                        ? show(context, frame, outcome.status(), device, session, outcome.messageKey())
                        : record(context, frame, client, device, outcome.session(), true));
    }

    /** An approval counts only if the application's external-consumption policy admits the user; else a denial. */
    private Uni<Void> record(
            RoutingContext context,
            Frame frame,
            RegisteredClient client,
            Device device,
            SsoSession session,
            boolean approve) {
        if (!approve) {
            return store(context, frame, device, session, false, false);
        }
        return consumption
                .admit(client, device.tenantId(), session.userId(), null)
                .replaceWith(true)
                .onFailure(OAuthError.class)
                .recoverWithItem(false)
                .flatMap(admitted -> store(context, frame, device, session, admitted, !admitted));
    }

    private Uni<Void> store(
            RoutingContext context,
            Frame frame,
            Device device,
            SsoSession session,
            boolean approve,
            boolean refusedByPolicy) {
        return devices.decide(device.userCode(), approve, session.userId(), session.sid(), session.authTime())
                .flatMap(decided -> {
                    if (!decided) {
                        Pages.deviceCode(context, frame, 400, INVALID);
                        return Uni.createFrom().voidItem();
                    }
                    return publish(device, approve, session.userId().toString()).invoke(() -> {
                        if (refusedByPolicy) {
                            Pages.error(context, frame, 403, "error.notForYourOrganization");
                        } else {
                            Pages.deviceDone(context, frame, approve);
                        }
                    });
                });
    }

    private Uni<Void> publish(Device device, boolean approved, String userId) {
        return events.publish(
                approved ? AuthEvents.DEVICE_AUTHORIZATION_APPROVED : AuthEvents.DEVICE_AUTHORIZATION_DENIED,
                device.userCode(),
                device.tenantId().toString(),
                new DeviceAuthorization(
                        device.clientId(),
                        device.organizationId() == null
                                ? null
                                : device.organizationId().toString(),
                        device.userCode(),
                        device.scope(),
                        userId));
    }

    private static Optional<SsoSession> ownSession(Optional<SsoSession> session, Device device) {
        return session.filter(s -> s.tenantId().equals(device.tenantId()));
    }
}
