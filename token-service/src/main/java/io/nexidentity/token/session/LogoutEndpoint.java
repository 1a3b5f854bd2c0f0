package io.nexidentity.token.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jwt.JWTClaimsSet;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.SessionEnded;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.authorize.FormCsrf;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.introspection.AccessTokenVerifier;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.pages.Frame;
import io.nexidentity.token.pages.PageFrames;
import io.nexidentity.token.pages.PageText;
import io.nexidentity.token.pages.Pages;
import io.nexidentity.token.revocation.GrantRevocation;

/**
 * {@code GET|POST /logout} (OpenID Connect RP-Initiated Logout 1.0): ends the browser's single sign-on session and
 * revokes what it issued (every token family of the session but offline ones, with their access tokens). A request
 * with a valid {@code id_token_hint} proceeds at once; any other (a plain link on any page could send one) is first
 * confirmed by the user on a page whose form carries a CSRF token. The browser is sent on only to a {@code
 * post_logout_redirect_uri} registered (exactly) for the client named by {@code client_id} or by the hint; anything
 * else is refused, never followed.
 */
@ApplicationScoped
public class LogoutEndpoint {

    private static final Logger LOG = Logger.getLogger(LogoutEndpoint.class);

    private final SsoSessions sessions;
    private final ClientRegistry clients;
    private final AccessTokenVerifier tokens;
    private final GrantRevocation grants;
    private final SecretHasher secrets;
    private final HotPathEvents events;
    private final FormCsrf csrf;
    private final PageFrames frames;

    LogoutEndpoint(
            SsoSessions sessions,
            ClientRegistry clients,
            AccessTokenVerifier tokens,
            GrantRevocation grants,
            SecretHasher secrets,
            HotPathEvents events,
            TokenConfig config,
            PageFrames frames) {
        this.frames = frames;
        this.sessions = sessions;
        this.clients = clients;
        this.tokens = tokens;
        this.grants = grants;
        this.secrets = secrets;
        this.events = events;
        this.csrf = new FormCsrf("nexid_logout_csrf", "/logout", config.signInRequestLifetime());
    }

    public void handle(RoutingContext context) {
        var issuer = TenantIssuer.of(context);
        MultiMap params = context.request().method() == HttpMethod.POST
                ? context.request().formAttributes()
                : context.request().params();
        var redirectUri = params.get("post_logout_redirect_uri");
        var state = params.get("state");
        var hint = params.get("id_token_hint");
        var hinted = hint == null ? Optional.<JWTClaimsSet>empty() : idTokenHint(issuer, hint);
        if (hint != null && hinted.isEmpty()) {
            Pages.error(context, 400, "error.idTokenHint");
            return;
        }
        var clientId = params.get("client_id");
        var hintedClient = hinted.map(claims ->
                claims.getAudience().isEmpty() ? null : claims.getAudience().get(0));
        if (clientId != null && hintedClient.isPresent() && !clientId.equals(hintedClient.get())) {
            Pages.error(context, 400, "error.clientMismatch");
            return;
        }
        var client = clientId != null ? clientId : hintedClient.orElse(null);
        var confirmed = hinted.isPresent()
                || (context.request().method() == HttpMethod.POST
                        && csrf.verified(context, params.get("csrf_token"), null));
        var uiLocales = params.get("ui_locales");
        var target = client == null
                ? Uni.createFrom().item(Optional.<RegisteredClient>empty())
                : clients.find(client)
                        .map(found -> found.filter(c -> c.tenantId().equals(issuer.tenantId())));
        // The page carries a client's branding only for a session of that client's tenant: a link naming another
        // tenant's client must not dress up the sign-out of this one.
        target.flatMap(found -> sessions.current(context)
                        .flatMap(session -> found.filter(
                                        c -> session.filter(s -> s.tenantId().equals(c.tenantId()))
                                                .isPresent())
                                .map(c -> frames.forClient(context, c, uiLocales))
                                .orElseGet(() -> Uni.createFrom().item(Frame.plain(PageText.of(context, uiLocales)))))
                        .flatMap(frame -> signOut(context, frame, found, client, redirectUri, state, confirmed)))
                .subscribe()
                .with(done -> {}, failure -> {
                    LOG.error("logout failed", failure);
                    Pages.error(context, 503, "error.signOutUnavailable");
                });
    }

    private Uni<Void> signOut(
            RoutingContext context,
            Frame frame,
            Optional<RegisteredClient> found,
            String client,
            String redirectUri,
            String state,
            boolean confirmed) {
        if (redirectUri != null
                && found.filter(c -> c.postLogoutRedirectUris().contains(redirectUri))
                        .isEmpty()) {
            Pages.error(context, frame, 400, "error.postLogoutRedirect");
            return Uni.createFrom().voidItem();
        }
        if (!confirmed) {
            var token = secrets.newSecret();
            context.response().addCookie(csrf.cookie(TenantIssuer.of(context), token));
            Pages.confirmSignOut(context, frame, client, redirectUri, state, token);
            return Uni.createFrom().voidItem();
        }
        return sessions.end(context)
                .call(ended -> ended.map(session -> grants.revokeSession(session.tenantId(), session.sid())
                                .call(revoked -> events.publish(
                                        AuthEvents.SESSION_ENDED,
                                        session.userId().toString(),
                                        session.tenantId().toString(),
                                        new SessionEnded(
                                                session.userId().toString(), session.sid(), client, "logout"))))
                        .orElseGet(() -> Uni.createFrom().nullItem()))
                .invoke(ended -> {
                    if (redirectUri == null) {
                        Pages.signedOut(context, frame);
                    } else {
                        var location = redirectUri
                                + (state == null
                                        ? ""
                                        : (redirectUri.contains("?") ? "&" : "?") + "state="
                                                + URLEncoder.encode(state, StandardCharsets.UTF_8));
                        context.response()
                                .setStatusCode(302)
                                .putHeader("Location", location)
                                .putHeader("Cache-Control", "no-store")
                                .end();
                    }
                })
                .replaceWithVoid();
    }

    /** The claims of an ID token the tenant's issuer signed (expired ones too: a hint names a past sign-in). */
    private Optional<JWTClaimsSet> idTokenHint(TenantIssuer issuer, String token) {
        return tokens.signedHere(issuer, token).flatMap(jwt -> {
            try {
                return Optional.of(jwt.getJWTClaimsSet());
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }
}
