package io.nexidentity.token.authorize;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.session.SsoSessions.SsoSession;

/**
 * {@code POST /authorize/sign-in}: the hosted sign-in form. The form must come from the browser that was shown it
 * (its CSRF token in the form and in a SameSite=Strict cookie), attempts are throttled, the password is checked by the
 * tenant-service, and every failure gets the same answer whatever its reason (the event records the reason). On
 * success the browser gets a single sign-on session and goes back to the client with a code.
 */
@ApplicationScoped
public class SignInEndpoint {

    private static final Logger LOG = Logger.getLogger(SignInEndpoint.class);
    private final AuthorizationRequests requests;
    private final AuthorizationCodes codes;
    private final PasswordSignIn signIn;
    private final AuthorizeEndpoint authorize;

    SignInEndpoint(
            AuthorizationRequests requests,
            AuthorizationCodes codes,
            PasswordSignIn signIn,
            AuthorizeEndpoint authorize) {
        this.requests = requests;
        this.codes = codes;
        this.signIn = signIn;
        this.authorize = authorize;
    }

    public void handle(RoutingContext context) {
        var form = context.request().formAttributes();
        String requestId;
        String csrf;
        String username;
        String password;
        try {
            requestId = OAuthRequest.single(form, "request_id");
            csrf = OAuthRequest.single(form, "csrf_token");
            username = OAuthRequest.single(form, "username");
            password = OAuthRequest.single(form, "password");
        } catch (OAuthError e) {
            Pages.error(context, 400, e.getMessage());
            return;
        }
        if (requestId == null || csrf == null) {
            Pages.error(context, 400, "The sign-in form is incomplete. Return to the application and sign in again.");
            return;
        }
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
                    if (!authorize.csrf().verified(context, csrf, request.csrfToken())) {
                        Pages.error(context, 403, "The sign-in form could not be verified. Sign in again.");
                        return Uni.createFrom().voidItem();
                    }
                    return signIn.attempt(context, request.tenantId(), request.clientId(), username, password)
                            .flatMap(outcome -> {
                                if (outcome.session() == null) {
                                    Pages.signIn(
                                            context,
                                            outcome.status(),
                                            request.id(),
                                            request.csrfToken(),
                                            username,
                                            outcome.message());
                                    return Uni.createFrom().voidItem();
                                }
                                return signedIn(context, request, outcome.session());
                            });
                })
                .subscribe()
                .with(done -> {}, failure -> {
                    LOG.error("sign-in failed", failure);
                    Pages.error(context, 503, "Sign-in is unavailable right now. Try again shortly.");
                });
    }

    private Uni<Void> signedIn(RoutingContext context, AuthorizationRequest request, SsoSession session) {
        return requests.complete(request.id()).flatMap(completed -> {
            if (!completed) {
                Pages.error(context, 400, "This sign-in was already completed. Return to the application.");
                return Uni.createFrom().voidItem();
            }
            return codes.issue(request, session.userId(), session.sid(), session.authTime())
                    .invoke(code -> authorize.redirect(
                            context, request.redirectUri(), AuthorizeEndpoint.code(code, request.state())))
                    .replaceWithVoid();
        });
    }
}
