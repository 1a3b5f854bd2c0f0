package io.nexidentity.token.authorize;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.session.SsoSessions.SsoSession;

/**
 * {@code POST /authorize/sign-in}: the hosted sign-in form. The form must come from the browser that was shown it
 * (its CSRF token in the form and in a SameSite=Strict cookie), attempts are throttled, the password is checked by the
 * tenant-service, and every failure gets the same answer whatever its reason (the event records the reason). On
 * success the browser gets a single sign-on session and goes back to the client with a code, or with
 * {@code access_denied} when the application's policy does not admit the user.
 */
@ApplicationScoped
public class SignInEndpoint {

    private static final Logger LOG = Logger.getLogger(SignInEndpoint.class);
    private final AuthorizationRequests requests;
    private final ClientRegistry clients;
    private final PasswordSignIn signIn;
    private final AuthorizeEndpoint authorize;

    SignInEndpoint(
            AuthorizationRequests requests,
            ClientRegistry clients,
            PasswordSignIn signIn,
            AuthorizeEndpoint authorize) {
        this.requests = requests;
        this.clients = clients;
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
            return clients.find(request.clientId())
                    .flatMap(client -> authorize.answer(
                            context,
                            client.orElseThrow(() -> OAuthError.unauthorizedClient("The client is gone.")),
                            request,
                            session))
                    .onFailure(OAuthError.class)
                    .recoverWithItem(error -> {
                        authorize.redirectError(context, request.redirectUri(), (OAuthError) error, request.state());
                        return null;
                    });
        });
    }
}
