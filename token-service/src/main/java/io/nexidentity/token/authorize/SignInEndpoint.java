package io.nexidentity.token.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.SignInFailed;
import io.nexidentity.events.auth.AuthEvents.SignInSucceeded;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.session.SsoSessions;
import io.nexidentity.token.user.UserDirectory;

/**
 * {@code POST /authorize/sign-in}: the hosted sign-in form. The form must come from the browser that was shown it
 * (its CSRF token in the form and in a SameSite=Strict cookie), attempts are throttled, the password is checked by the
 * tenant-service, and every failure gets the same answer whatever its reason (the event records the reason). On
 * success the browser gets a single sign-on session and goes back to the client with a code.
 */
@ApplicationScoped
public class SignInEndpoint {

    private static final Logger LOG = Logger.getLogger(SignInEndpoint.class);
    private static final String REFUSED = "The email or password is incorrect.";

    private final AuthorizationRequests requests;
    private final AuthorizationCodes codes;
    private final SsoSessions sessions;
    private final UserDirectory users;
    private final SignInThrottle throttle;
    private final HotPathEvents events;
    private final AuthorizeEndpoint authorize;

    SignInEndpoint(
            AuthorizationRequests requests,
            AuthorizationCodes codes,
            SsoSessions sessions,
            UserDirectory users,
            SignInThrottle throttle,
            HotPathEvents events,
            AuthorizeEndpoint authorize) {
        this.requests = requests;
        this.codes = codes;
        this.sessions = sessions;
        this.users = users;
        this.throttle = throttle;
        this.events = events;
        this.authorize = authorize;
    }

    public void handle(RoutingContext context) {
        var form = context.request().formAttributes();
        String requestId;
        String csrf;
        String username;
        String password;
        try {
            requestId = AuthorizeEndpoint.single(form, "request_id");
            csrf = AuthorizeEndpoint.single(form, "csrf_token");
            username = AuthorizeEndpoint.single(form, "username");
            password = AuthorizeEndpoint.single(form, "password");
        } catch (OAuthError e) {
            Pages.error(context, 400, e.getMessage());
            return;
        }
        if (requestId == null || csrf == null) {
            Pages.error(context, 400, "The sign-in form is incomplete. Return to the application and sign in again.");
            return;
        }
        var address = context.request().remoteAddress().hostAddress();
        requests.find(requestId)
                .flatMap(found -> {
                    var request = found.orElse(null);
                    if (request == null) {
                        Pages.error(
                                context,
                                400,
                                "This sign-in page has expired. Return to the application and sign in again.");
                        return Uni.createFrom().voidItem();
                    }
                    var cookie = context.request().getCookie(AuthorizeEndpoint.CSRF_COOKIE);
                    if (cookie == null || !same(csrf, request.csrfToken()) || !same(cookie.getValue(), csrf)) {
                        Pages.error(context, 403, "The sign-in form could not be verified. Sign in again.");
                        return Uni.createFrom().voidItem();
                    }
                    if (username == null || password == null) {
                        Pages.signIn(context, 400, request.id(), request.csrfToken(), username, REFUSED);
                        return Uni.createFrom().voidItem();
                    }
                    if (!throttle.allows(request.tenantId(), username, address)) {
                        failed(request, null, username, "rate_limited", address);
                        Pages.signIn(
                                context,
                                429,
                                request.id(),
                                request.csrfToken(),
                                username,
                                "Too many failed attempts. Wait a few minutes, then try again.");
                        return Uni.createFrom().voidItem();
                    }
                    return users.verifyPassword(request.tenantId(), username, password)
                            .flatMap(verification -> {
                                if (!verification.verified()) {
                                    throttle.failed(request.tenantId(), username, address);
                                    failed(request, verification.userId(), username, verification.reason(), address);
                                    Pages.signIn(context, 401, request.id(), request.csrfToken(), username, REFUSED);
                                    return Uni.createFrom().voidItem();
                                }
                                return signedIn(context, request, verification.user(), address);
                            });
                })
                .subscribe()
                .with(done -> {}, failure -> {
                    LOG.error("sign-in failed", failure);
                    Pages.error(context, 503, "Sign-in is unavailable right now. Try again shortly.");
                });
    }

    private Uni<Void> signedIn(
            RoutingContext context, AuthorizationRequest request, UserDirectory.UserContext user, String address) {
        return requests.complete(request.id()).flatMap(completed -> {
            if (!completed) {
                Pages.error(context, 400, "This sign-in was already completed. Return to the application.");
                return Uni.createFrom().voidItem();
            }
            return sessions.start(context, request.tenantId(), user.userId()).flatMap(session -> {
                var organization = user.firstMembership()
                        .map(membership -> membership.organizationId().toString())
                        .orElse(null);
                events.publish(
                        AuthEvents.SIGN_IN_SUCCEEDED,
                        user.userId().toString(),
                        request.tenantId().toString(),
                        new SignInSucceeded(
                                user.userId().toString(),
                                organization,
                                request.clientId(),
                                session.sid(),
                                "pwd",
                                address));
                return codes.issue(request, user.userId(), session.sid(), session.authTime())
                        .invoke(code -> authorize.redirect(
                                context, request.redirectUri(), AuthorizeEndpoint.code(code, request.state())))
                        .replaceWithVoid();
            });
        });
    }

    private void failed(AuthorizationRequest request, UUID userId, String username, String reason, String address) {
        events.publish(
                AuthEvents.SIGN_IN_FAILED,
                userId == null ? username : userId.toString(),
                request.tenantId().toString(),
                new SignInFailed(
                        userId == null ? null : userId.toString(), username, request.clientId(), reason, address));
    }

    private static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
