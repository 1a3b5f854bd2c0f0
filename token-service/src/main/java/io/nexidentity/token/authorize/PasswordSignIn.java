package io.nexidentity.token.authorize;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.SignInFailed;
import io.nexidentity.events.auth.AuthEvents.SignInSucceeded;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.runtime.net.ClientAddresses;
import io.nexidentity.token.session.SsoSessions;
import io.nexidentity.token.session.SsoSessions.SsoSession;
import io.nexidentity.token.user.UserDirectory;

/**
 * A password sign-in on a hosted page (authorization and device verification alike): throttled per account and per
 * address, checked by the tenant-service, one generic answer for every refusal (the event records the reason), and a
 * single sign-on session on success.
 */
@ApplicationScoped
public class PasswordSignIn {

    public static final String REFUSED = "signIn.refused";

    private final UserDirectory users;
    private final SignInThrottle throttle;
    private final SsoSessions sessions;
    private final HotPathEvents events;
    private final ClientAddresses addresses;
    private final MeterRegistry registry;

    PasswordSignIn(
            UserDirectory users,
            SignInThrottle throttle,
            SsoSessions sessions,
            HotPathEvents events,
            ClientAddresses addresses,
            MeterRegistry registry) {
        this.users = users;
        this.throttle = throttle;
        this.sessions = sessions;
        this.events = events;
        this.addresses = addresses;
        this.registry = registry;
    }

    public Uni<Outcome> attempt(
            RoutingContext context, UUID tenantId, String clientId, String username, String password) {
        var client = addresses.of(context.request());
        var address = client.text();
        // No account is named with a NUL, and the throttle's keys could not hold one.
        if (username == null || password == null || username.indexOf('\0') >= 0) {
            return Uni.createFrom().item(new Outcome(null, 400, REFUSED));
        }
        return throttle.reserve(tenantId, username, client).flatMap(reserved -> {
            if (reserved.isEmpty()) {
                return failed(tenantId, clientId, null, username, "rate_limited", address)
                        .replaceWith(new Outcome(null, 429, "signIn.throttled"));
            }
            return users.verifyPassword(tenantId, username, password).flatMap(verification -> {
                if (!verification.verified()) {
                    return failed(tenantId, clientId, verification.userId(), username, verification.reason(), address)
                            .replaceWith(new Outcome(null, 401, REFUSED));
                }
                var user = verification.user();
                return throttle.succeeded(reserved.get())
                        .flatMap(released -> sessions.start(context, tenantId, user.userId()))
                        .flatMap(session -> {
                            var organization = user.firstMembership()
                                    .map(membership ->
                                            membership.organizationId().toString())
                                    .orElse(null);
                            count("succeeded");
                            return events.publish(
                                            AuthEvents.SIGN_IN_SUCCEEDED,
                                            user.userId().toString(),
                                            tenantId.toString(),
                                            new SignInSucceeded(
                                                    user.userId().toString(),
                                                    organization,
                                                    clientId,
                                                    session.sid(),
                                                    "pwd",
                                                    address))
                                    .replaceWith(new Outcome(session, 200, null));
                        });
            });
        });
    }

    private Uni<Void> failed(
            UUID tenantId, String clientId, UUID userId, String username, String reason, String address) {
        count(reason == null ? "refused" : reason);
        return events.publish(
                AuthEvents.SIGN_IN_FAILED,
                userId == null ? username : userId.toString(),
                tenantId.toString(),
                new SignInFailed(userId == null ? null : userId.toString(), username, clientId, reason, address));
    }

    private void count(String outcome) {
        Counter.builder("nexid.sign_ins")
                .description("Password sign-ins by outcome (succeeded, or why refused)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A session when signed in; otherwise the status and the message (its key) to show on the page again. */
    public record Outcome(SsoSession session, int status, String messageKey) {}
}
