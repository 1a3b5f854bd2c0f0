package io.nexidentity.token.authorize;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.grant.ApplicationGate;
import io.nexidentity.token.grant.ConsumptionPolicy;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthRequest;
import io.nexidentity.token.oauth.Utf8Parameters;
import io.nexidentity.token.pages.PageFrames;
import io.nexidentity.token.pages.Pages;
import io.nexidentity.token.session.SsoSessions;
import io.nexidentity.token.session.SsoSessions.SsoSession;

/**
 * {@code GET|POST /authorize} (RFC 6749 section 4.1.1, OpenID Connect Core 3.1.2): the authorization code flow with
 * PKCE S256 for every client. Until the client and its exact redirect URI are known, errors are shown on a page (never
 * redirected: no open redirects); after that they go back to the client (RFC 6749 section 4.1.2.1, with {@code iss}
 * per RFC 9207). A live single sign-on session of the client's tenant answers at once unless {@code prompt=login} or
 * {@code max_age} asks for a fresh sign-in; otherwise the hosted sign-in page is shown. Before a code is issued, the
 * application's external-consumption policy must admit the user (for the {@code organization} the request names, if
 * any), else the client gets {@code access_denied}.
 */
@ApplicationScoped
public class AuthorizeEndpoint {

    private static final Logger LOG = Logger.getLogger(AuthorizeEndpoint.class);
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    private final ClientRegistry clients;
    private final ApplicationGate applications;
    private final ConsumptionPolicy consumption;
    private final SsoSessions sessions;
    private final AuthorizationRequests requests;
    private final AuthorizationCodes codes;
    private final SecretHasher hasher;
    private final TokenConfig config;
    private final FormCsrf csrf;
    private final PageFrames frames;
    private final Clock clock;

    AuthorizeEndpoint(
            ClientRegistry clients,
            ApplicationGate applications,
            ConsumptionPolicy consumption,
            SsoSessions sessions,
            AuthorizationRequests requests,
            AuthorizationCodes codes,
            SecretHasher hasher,
            TokenConfig config,
            PageFrames frames,
            Clock clock) {
        this.frames = frames;
        this.clients = clients;
        this.applications = applications;
        this.consumption = consumption;
        this.sessions = sessions;
        this.requests = requests;
        this.codes = codes;
        this.hasher = hasher;
        this.config = config;
        this.csrf = new FormCsrf("nexid_csrf", "/authorize", config.signInRequestLifetime());
        this.clock = clock;
    }

    /** The CSRF protection of the sign-in form (which posts to {@code /authorize/sign-in}). */
    FormCsrf csrf() {
        return csrf;
    }

    public void handle(RoutingContext context) {
        var post = context.request().method() == HttpMethod.POST;
        var params =
                post ? context.request().formAttributes() : context.request().params();
        var malformed = Utf8Parameters.malformed(
                post
                        ? (context.body().isEmpty() ? null : context.body().asString())
                        : context.request().query());
        if (malformed.contains("client_id")
                || malformed.contains("redirect_uri")
                || malformed.contains(Utf8Parameters.UNNAMED)) {
            Pages.error(context, 400, "error.notUtf8");
            return;
        }
        String clientId;
        String redirectUri;
        try {
            clientId = OAuthRequest.single(params, "client_id");
            redirectUri = OAuthRequest.single(params, "redirect_uri");
        } catch (OAuthError e) {
            Pages.error(context, 400, "error.malformed");
            return;
        }
        if (clientId == null) {
            Pages.error(context, 400, "error.noClient");
            return;
        }
        clients.find(clientId)
                .subscribe()
                .with(
                        found -> {
                            // another tenant's client is no client of this issuer
                            var tenantId = TenantIssuer.of(context).tenantId();
                            var client = found.filter(c -> c.tenantId().equals(tenantId) && c.usableAt(clock.instant()))
                                    .orElse(null);
                            if (client == null) {
                                Pages.error(context, 400, "error.unknownClient");
                            } else if (redirectUri == null || !client.acceptsRedirect(redirectUri)) {
                                Pages.error(context, 400, "error.redirectUri");
                            } else if (!malformed.isEmpty()) {
                                redirectError(
                                        context,
                                        redirectUri,
                                        OAuthError.invalidRequest("Parameter "
                                                + malformed.iterator().next() + " is not valid UTF-8."),
                                        malformed.contains("state") ? null : params.get("state"));
                            } else {
                                authorize(context, params, client, redirectUri);
                            }
                        },
                        failure -> {
                            LOG.error("authorization request failed", failure);
                            Pages.error(context, 503, "error.unavailable");
                        });
    }

    private void authorize(RoutingContext context, MultiMap params, RegisteredClient client, String redirectUri) {
        var state = params.get("state");
        Parsed parsed;
        try {
            state = OAuthRequest.single(params, "state");
            parsed = parse(params, client, redirectUri, state);
        } catch (OAuthError e) {
            redirectError(context, redirectUri, e, state);
            return;
        }
        var request = parsed.request();
        var finalState = state;
        applications
                .requireActive(client)
                .flatMap(active -> sessions.current(context))
                .flatMap(session -> {
                    // an admin sign-in always asks for the password: a program on the person's machine opening a
                    // browser must not get admin tokens out of an open session unseen (RFC 8252 8.6)
                    var reusable = session.filter(s -> !client.adminClient() && reusable(s, request, parsed.prompts()));
                    if (reusable.isPresent()) {
                        return answer(context, client, request, reusable.get());
                    }
                    if (parsed.prompts().contains("none")) {
                        throw new OAuthError("login_required", "The user is not signed in.", 400, null);
                    }
                    return requests.save(request)
                            .flatMap(saved -> frames.forClient(context, client, parsed.uiLocales()))
                            .invoke(frame -> {
                                context.response()
                                        .addCookie(csrf.cookie(TenantIssuer.of(context), request.csrfToken()));
                                Pages.signIn(
                                        context,
                                        frame,
                                        200,
                                        request.id(),
                                        request.csrfToken(),
                                        request.loginHint(),
                                        null);
                            })
                            .replaceWithVoid();
                })
                .subscribe()
                .with(done -> {}, failure -> {
                    if (failure instanceof OAuthError error) {
                        redirectError(context, redirectUri, error, finalState);
                    } else {
                        LOG.error("authorization request failed", failure);
                        redirectError(
                                context,
                                redirectUri,
                                new OAuthError("temporarily_unavailable", "Try again shortly.", 503, null),
                                finalState);
                    }
                });
    }

    private Parsed parse(MultiMap params, RegisteredClient client, String redirectUri, String state) {
        if (params.contains("request")) {
            throw new OAuthError("request_not_supported", "Request objects are not supported.", 400, null);
        }
        if (params.contains("request_uri")) {
            throw new OAuthError("request_uri_not_supported", "request_uri is not supported.", 400, null);
        }
        var responseType = OAuthRequest.single(params, "response_type");
        if (responseType == null) {
            throw OAuthError.invalidRequest("response_type is missing.");
        }
        if (!"code".equals(responseType)) {
            throw new OAuthError(
                    "unsupported_response_type",
                    "Only the authorization code flow (response_type=code) is offered.",
                    400,
                    null);
        }
        if (!client.grantTypes().contains("authorization_code")) {
            throw OAuthError.unauthorizedClient("The client is not registered for the authorization code flow.");
        }
        var scope = OAuthRequest.single(params, "scope");
        if (scope == null) {
            throw OAuthError.invalidRequest("scope is missing.");
        }
        var scopes = new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
        for (var requested : scopes) {
            if (!client.scopes().contains(requested)) {
                throw OAuthError.invalidScope("The client was not granted the scope " + requested + ".");
            }
        }
        var challenge = OAuthRequest.single(params, "code_challenge");
        if (challenge == null) {
            throw OAuthError.invalidRequest("code_challenge is required: PKCE with S256.");
        }
        if (!"S256".equals(OAuthRequest.single(params, "code_challenge_method"))) {
            throw OAuthError.invalidRequest("code_challenge_method must be S256.");
        }
        if (!Pkce.validChallenge(challenge)) {
            throw OAuthError.invalidRequest("code_challenge must be a base64url SHA-256 (43 characters).");
        }
        var prompts = prompts(OAuthRequest.single(params, "prompt"));
        Integer maxAge = null;
        var maxAgeParam = OAuthRequest.single(params, "max_age");
        if (maxAgeParam != null) {
            try {
                maxAge = Integer.parseInt(maxAgeParam);
            } catch (NumberFormatException e) {
                maxAge = -1;
            }
            if (maxAge < 0) {
                throw OAuthError.invalidRequest("max_age must be a non-negative number of seconds.");
            }
        }
        var organization = OAuthRequest.single(params, "organization");
        var request = new AuthorizationRequest(
                hasher.newSecret(),
                hasher.newSecret(),
                client.clientId(),
                client.tenantId(),
                redirectUri,
                String.join(" ", scopes),
                state,
                OAuthRequest.single(params, "nonce"),
                challenge,
                maxAge,
                OAuthRequest.single(params, "login_hint"),
                organization == null ? null : organizationId(organization),
                clock.instant().plus(config.signInRequestLifetime()));
        return new Parsed(request, prompts, OAuthRequest.single(params, "ui_locales"));
    }

    /** Only the canonical form: no aliases of one id ({@code UUID.fromString} also takes "1-1-1-1-1"). */
    private static UUID organizationId(String organization) {
        try {
            var id = UUID.fromString(organization);
            if (id.toString().equals(organization)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw OAuthError.invalidRequest("organization must be an organization id (a lower-case UUID).");
    }

    /**
     * Answers a request the signed-in user may be given a code for: once the application's policy admits the user,
     * the client gets the code; otherwise {@code access_denied}.
     */
    Uni<Void> answer(RoutingContext context, RegisteredClient client, AuthorizationRequest request, SsoSession user) {
        return consumption
                .admit(client, request.tenantId(), user.userId(), request.organizationId())
                .flatMap(admitted -> client.adminClient()
                        ? consumption.admitAdministrator(request.tenantId(), user.userId())
                        : Uni.createFrom().voidItem())
                .flatMap(admitted -> codes.issue(request, user.userId(), user.sid(), user.authTime()))
                .invoke(code -> redirect(context, request.redirectUri(), code(code, request.state())))
                .replaceWithVoid();
    }

    private static Set<String> prompts(String prompt) {
        if (prompt == null) {
            return Set.of();
        }
        var prompts = new LinkedHashSet<>(Arrays.asList(prompt.trim().split(" +")));
        if (!PROMPTS.containsAll(prompts)) {
            throw OAuthError.invalidRequest("prompt may only hold none, login, consent and select_account.");
        }
        if (prompts.contains("none") && prompts.size() > 1) {
            throw OAuthError.invalidRequest("prompt=none cannot be combined with other values.");
        }
        return prompts;
    }

    /** A session answers the request when it is of the client's tenant and as fresh as asked. */
    private boolean reusable(SsoSession session, AuthorizationRequest request, Set<String> prompts) {
        if (!session.tenantId().equals(request.tenantId())
                || prompts.contains("login")
                || prompts.contains("select_account")) {
            return false;
        }
        return request.maxAge() == null
                || !session.authTime().plusSeconds(request.maxAge()).isBefore(clock.instant());
    }

    /** Sends the browser back to the client; {@code params} go into the redirect URI's query. */
    void redirect(RoutingContext context, String redirectUri, Map<String, String> params) {
        var location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        params.put("iss", TenantIssuer.of(context).url());
        var first = true;
        for (var param : params.entrySet()) {
            if (param.getValue() == null) {
                continue;
            }
            if (!first) {
                location.append('&');
            }
            first = false;
            location.append(param.getKey())
                    .append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
        }
        context.response()
                .setStatusCode(context.request().method() == HttpMethod.POST ? 303 : 302)
                .putHeader("Location", location.toString())
                .putHeader("Cache-Control", "no-store")
                .end();
    }

    void redirectError(RoutingContext context, String redirectUri, OAuthError error, String state) {
        var params = new LinkedHashMap<String, String>();
        params.put("error", error.error());
        params.put("error_description", error.getMessage());
        params.put("state", state);
        redirect(context, redirectUri, params);
    }

    static Map<String, String> code(String code, String state) {
        var params = new LinkedHashMap<String, String>();
        params.put("code", code);
        params.put("state", state);
        return params;
    }

    private record Parsed(AuthorizationRequest request, Set<String> prompts, String uiLocales) {}
}
