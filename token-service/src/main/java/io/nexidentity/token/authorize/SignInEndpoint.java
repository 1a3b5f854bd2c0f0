package io.nexidentity.token.authorize;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.pages.Frame;
import io.nexidentity.token.pages.PageFrames;
import io.nexidentity.token.pages.PageText;
import io.nexidentity.token.pages.Pages;
import io.nexidentity.token.session.SsoSessions.SsoSession;

/**
 * {@code POST /authorize/sign-in}: the hosted sign-in form. The form must come from the browser that was shown it
 * (its CSRF token in the form and in a SameSite=Strict cookie), attempts are throttled, the password is checked by the
 * tenant-service, and every failure gets the same answer whatever its reason (the event records the reason). On
 * success the browser gets a single sign-on session and goes back to the client with a code, or with
 * {@code access_denied} when the application's policy does not admit the user or the person cancels.
 */
@ApplicationScoped
public class SignInEndpoint {

    private static final Logger LOG = Logger.getLogger(SignInEndpoint.class);
    private final AuthorizationRequests requests;
    private final ClientRegistry clients;
    private final PasswordSignIn signIn;
    private final AuthorizeEndpoint authorize;
    private final PageFrames frames;

    SignInEndpoint(
            AuthorizationRequests requests,
            ClientRegistry clients,
            PasswordSignIn signIn,
            AuthorizeEndpoint authorize,
            PageFrames frames) {
        this.frames = frames;
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
            Pages.error(context, 400, "error.malformed");
            return;
        }
        var uiLocales = form.get("ui_locales");
        var plain = Frame.plain(PageText.of(context, uiLocales));
        if (requestId == null || csrf == null) {
            Pages.error(context, plain, 400, "error.formIncomplete");
            return;
        }
        requests.find(requestId)
                // a request made at another tenant's issuer is not pending here
                .map(found -> found.filter(
                        r -> r.tenantId().equals(TenantIssuer.of(context).tenantId())))
                .flatMap(found -> {
                    var request = found.orElse(null);
                    if (request == null) {
                        Pages.error(context, plain, 400, "error.signInExpired");
                        return Uni.createFrom().voidItem();
                    }
                    if (!authorize.csrf().verified(context, csrf, request.csrfToken())) {
                        Pages.error(context, plain, 403, "error.formNotVerified");
                        return Uni.createFrom().voidItem();
                    }
                    return clients.find(request.clientId()).flatMap(client -> {
                        if (client.isEmpty()) {
                            Pages.error(context, plain, 400, "error.unknownClient");
                            return Uni.createFrom().voidItem();
                        }
                        if (form.contains("cancel")) {
                            return cancelled(context, request, plain);
                        }
                        return signIn.attempt(context, request.tenantId(), request.clientId(), username, password)
                                .flatMap(outcome -> outcome.session() != null
                                        ? signedIn(context, request, client.get(), outcome.session(), plain)
                                        : frames.forClient(context, client.get(), uiLocales)
                                                .invoke(frame -> Pages.signIn(
                                                        context,
                                                        frame,
                                                        outcome.status(),
                                                        request.id(),
                                                        request.csrfToken(),
                                                        username,
                                                        outcome.messageKey()))
                                                .replaceWithVoid());
                    });
                })
                .subscribe()
                .with(done -> {}, failure -> {
                    LOG.error("sign-in failed", failure);
                    Pages.error(context, plain, 503, "error.unavailable");
                });
    }

    /** The person chose not to sign in: the client learns it as {@code access_denied} (RFC 6749 section 4.1.2.1). */
    private Uni<Void> cancelled(RoutingContext context, AuthorizationRequest request, Frame plain) {
        return requests.complete(request.id())
                .invoke(completed -> {
                    if (!completed) {
                        Pages.error(context, plain, 400, "error.signInCompleted");
                        return;
                    }
                    authorize.redirectError(
                            context,
                            request.redirectUri(),
                            new OAuthError("access_denied", "The user cancelled the sign-in.", 400, null),
                            request.state());
                })
                .replaceWithVoid();
    }

    private Uni<Void> signedIn(
            RoutingContext context,
            AuthorizationRequest request,
            RegisteredClient client,
            SsoSession session,
            Frame plain) {
        return requests.complete(request.id()).flatMap(completed -> {
            if (!completed) {
                Pages.error(context, plain, 400, "error.signInCompleted");
                return Uni.createFrom().voidItem();
            }
            return authorize
                    .answer(context, client, request, session)
                    .onFailure(OAuthError.class)
                    .recoverWithItem(error -> {
                        authorize.redirectError(context, request.redirectUri(), (OAuthError) error, request.state());
                        return null;
                    });
        });
    }
}
