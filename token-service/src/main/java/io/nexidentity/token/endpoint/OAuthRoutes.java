package io.nexidentity.token.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import io.nexidentity.token.authorize.AuthorizeEndpoint;
import io.nexidentity.token.authorize.PasswordRecoveryPages;
import io.nexidentity.token.authorize.SignInEndpoint;
import io.nexidentity.token.device.DeviceAuthorizationEndpoint;
import io.nexidentity.token.device.DeviceVerificationPage;
import io.nexidentity.token.discovery.ProviderMetadata;
import io.nexidentity.token.introspection.IntrospectionEndpoint;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.issuer.TenantIssuers;
import io.nexidentity.token.key.SigningKeys;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthResponses;
import io.nexidentity.token.pages.Pages;
import io.nexidentity.token.revocation.RevocationEndpoint;
import io.nexidentity.token.session.LogoutEndpoint;
import io.nexidentity.token.userinfo.UserinfoEndpoint;

/**
 * The OAuth and OpenID Connect endpoints, as plain Vert.x routes: they speak their RFCs' formats (form requests,
 * RFC 6749 error JSON), not the admin APIs' problem+json, and the hot ones skip every layer they do not need. Every
 * endpoint belongs to a tenant's issuer ({@code /t/{slug}}), resolved before anything else runs.
 */
@ApplicationScoped
public class OAuthRoutes {

    private static final int FORM_LIMIT = 64 * 1024;
    private static final String ISSUER = "/t/:slug";
    private static final String JSON = "application/json";
    private static final String JWK_SET = "application/jwk-set+json";
    /** A tenant's metadata changes with its clients: five minutes. */
    private static final String METADATA_CACHING = "public, max-age=300";
    /** Keys: five minutes, well inside the time a new key is published before it signs. */
    private static final String KEYS_CACHING = "public, max-age=300";

    private final TenantIssuers issuers;
    private final ProviderMetadata metadata;
    private final SigningKeys keys;
    private final TokenEndpoint token;
    private final IntrospectionEndpoint introspection;
    private final RevocationEndpoint revocation;
    private final AuthorizeEndpoint authorize;
    private final SignInEndpoint signIn;
    private final UserinfoEndpoint userinfo;
    private final LogoutEndpoint logout;
    private final DeviceAuthorizationEndpoint deviceAuthorization;
    private final DeviceVerificationPage deviceVerification;
    private final PasswordRecoveryPages recovery;

    OAuthRoutes(
            TenantIssuers issuers,
            ProviderMetadata metadata,
            SigningKeys keys,
            TokenEndpoint token,
            IntrospectionEndpoint introspection,
            RevocationEndpoint revocation,
            AuthorizeEndpoint authorize,
            SignInEndpoint signIn,
            UserinfoEndpoint userinfo,
            LogoutEndpoint logout,
            DeviceAuthorizationEndpoint deviceAuthorization,
            DeviceVerificationPage deviceVerification,
            PasswordRecoveryPages recovery) {
        this.recovery = recovery;
        this.issuers = issuers;
        this.metadata = metadata;
        this.keys = keys;
        this.token = token;
        this.introspection = introspection;
        this.revocation = revocation;
        this.authorize = authorize;
        this.signIn = signIn;
        this.userinfo = userinfo;
        this.logout = logout;
        this.deviceAuthorization = deviceAuthorization;
        this.deviceVerification = deviceVerification;
    }

    /**
     * Routes are tried in the order they are added and a route with a path parameter is a pattern match: the hot
     * endpoints (token, introspection, keys, discovery) come first.
     */
    void register(@Observes Router router) {
        post(router, "/token", token::handle, true);
        post(router, "/introspect", introspection::handle, true);
        router.get(ISSUER + "/jwks").handler(this::bySlug).handler(this::jwks);
        router.get(ISSUER + "/.well-known/openid-configuration")
                .handler(this::bySlug)
                .handler(this::metadata);
        // RFC 8414 section 3.1: the well-known segment goes between the host and the issuer's path
        router.get("/.well-known/oauth-authorization-server" + ISSUER)
                .handler(this::bySlug)
                .handler(this::metadata);
        // On a custom domain the issuer is the host itself; on any other host these serve the shared issuer of old.
        router.get("/.well-known/openid-configuration")
                .handler(context -> byHost(context, this::platformMetadata))
                .handler(this::metadata);
        router.get("/.well-known/oauth-authorization-server")
                .handler(context -> byHost(context, this::platformMetadata))
                .handler(this::metadata);
        router.get("/jwks")
                .handler(context -> byHost(context, this::sharedJwks))
                .handler(this::jwks);
        post(router, "/revoke", revocation::handle, true);
        browser(router, "/userinfo", userinfo::handle, true);
        browser(router, "/authorize", authorize::handle, true);
        for (var path : paths("/authorize/sign-in", true)) {
            router.get(path.path()).handler(path.resolver()).handler(recovery::signInAgain);
        }
        post(router, "/authorize/sign-in", signIn::handle, true);
        browser(router, "/authorize/recover", recovery::recover, true);
        browser(router, "/authorize/reset", recovery::reset, true);
        browser(router, "/logout", logout::handle, true);
        post(router, "/device_authorization", deviceAuthorization::handle, true);
        browser(router, "/device", deviceVerification::handle, true);
    }

    /** The endpoints clients use with their TLS certificate (RFC 8705 section 5), for the mutual-TLS listener. */
    public void mtlsAliases(Router router) {
        post(router, "/token", token::handle, false);
        post(router, "/introspect", introspection::handle, false);
        post(router, "/revoke", revocation::handle, false);
        post(router, "/device_authorization", deviceAuthorization::handle, false);
        browser(router, "/userinfo", userinfo::handle, false);
    }

    private record IssuerPath(String path, Handler<RoutingContext> resolver) {}

    private List<IssuerPath> paths(String endpoint, boolean onDomains) {
        var slugPath = new IssuerPath(ISSUER + endpoint, this::bySlug);
        return onDomains
                ? List.of(slugPath, new IssuerPath(endpoint, context -> byHost(context, OAuthRoutes::noIssuer)))
                : List.of(slugPath);
    }

    /**
     * The tenant issuer named by the path's slug; none on a host a tenant proved as its custom domain, which serves
     * that tenant alone (the ingress should not route {@code /t} there at all).
     */
    private void bySlug(RoutingContext context) {
        var slug = context.pathParam("slug");
        var host = host(context);
        if (host == null || !issuers.mayBeCustomDomain(host)) {
            resolve(context, issuers.known(slug), () -> issuers.resolve(slug), OAuthRoutes::noIssuer);
            return;
        }
        resolve(
                context,
                null,
                () -> issuers.resolveHost(host)
                        .flatMap(domain -> domain.isPresent()
                                ? Uni.createFrom().item(Optional.<TenantIssuer>empty())
                                : issuers.resolve(slug)),
                OAuthRoutes::noIssuer);
    }

    /** The tenant issuer served on the request's host (a custom domain); {@code otherwise} answers other hosts. */
    private void byHost(RoutingContext context, Handler<RoutingContext> otherwise) {
        var host = host(context);
        resolve(context, host == null ? null : issuers.knownHost(host), () -> issuers.resolveHost(host), otherwise);
    }

    private static String host(RoutingContext context) {
        var authority = context.request().authority();
        return authority == null ? null : authority.host().toLowerCase(Locale.ROOT);
    }

    private static void noIssuer(RoutingContext context) {
        OAuthResponses.failure(context, OAuthError.unknownIssuer());
    }

    /**
     * Resolves the tenant issuer before the endpoint runs. Known issuers (every request but a tenant's first on this
     * instance) resolve at once; otherwise the request waits, paused, for the lookup and, on the tenant's first use,
     * for its keys.
     */
    private static void resolve(
            RoutingContext context,
            TenantIssuer known,
            Supplier<Uni<Optional<TenantIssuer>>> lookup,
            Handler<RoutingContext> missing) {
        if (known != null) {
            known.attachTo(context);
            context.next();
            return;
        }
        var request = context.request();
        var reading = !request.isEnded();
        if (reading) {
            request.pause();
        }
        var origin = Vertx.currentContext();
        lookup.get()
                .subscribe()
                .with(
                        found -> origin.runOnContext(resumed -> {
                            if (reading) {
                                request.resume();
                            }
                            found.ifPresentOrElse(
                                    issuer -> {
                                        issuer.attachTo(context);
                                        context.next();
                                    },
                                    () -> missing.handle(context));
                        }),
                        failure -> origin.runOnContext(resumed -> {
                            if (reading) {
                                request.resume();
                            }
                            OAuthResponses.failure(context, OAuthError.temporarilyUnavailable());
                        }));
    }

    private void metadata(RoutingContext context) {
        var issuer = TenantIssuer.of(context);
        var current = metadata.current(issuer);
        if (current != null) {
            json(context, JSON, METADATA_CACHING, current);
            return;
        }
        metadata.document(issuer)
                .subscribe()
                .with(
                        document -> json(context, JSON, METADATA_CACHING, document),
                        failure -> OAuthResponses.failure(context, OAuthError.temporarilyUnavailable()));
    }

    private void platformMetadata(RoutingContext context) {
        json(context, JSON, "public, max-age=3600", metadata.platformDocument());
    }

    /** Public keys only; cacheable for five minutes, well inside the time a new key is published before it signs. */
    private void jwks(RoutingContext context) {
        var ring = keys.ring(TenantIssuer.of(context).tenantId());
        json(context, JWK_SET, KEYS_CACHING, Buffer.buffer(ring.jwks()));
    }

    private void sharedJwks(RoutingContext context) {
        json(context, JWK_SET, KEYS_CACHING, Buffer.buffer(keys.shared().jwks()));
    }

    private static void json(RoutingContext context, String type, String caching, Buffer body) {
        context.response()
                .putHeader("Content-Type", type)
                .putHeader("Cache-Control", caching)
                .end(body);
    }

    /** GET, and POST with a form (OpenID Connect requires both at the authorization and userinfo endpoints). */
    private void browser(Router router, String endpoint, Handler<RoutingContext> handler, boolean onDomains) {
        for (var issuerPath : paths(endpoint, onDomains)) {
            browser(router, issuerPath, handler);
        }
    }

    private static void browser(Router router, IssuerPath issuerPath, Handler<RoutingContext> handler) {
        var path = issuerPath.path();
        router.get(path).handler(issuerPath.resolver()).handler(handler);
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT))
                .handler(issuerPath.resolver())
                .handler(handler)
                .failureHandler(context -> {
                    if (refusedBody(context)) {
                        Pages.error(context, 400, "error.tooLarge");
                    } else {
                        context.next();
                    }
                });
        router.route(path)
                .handler(context -> context.response()
                        .setStatusCode(405)
                        .putHeader("Allow", "GET, POST")
                        .end());
    }

    /** The body handler refused the request: 413 for a body over the limit, 400 for one the form decoder refused. */
    private static boolean refusedBody(RoutingContext context) {
        return context.statusCode() == 400 || context.statusCode() == 413;
    }

    /**
     * A form POST; a body the form decoder refuses (too large, a parameter over its size limit) is {@code
     * invalid_request} in the endpoint's own format, never the server's default error page.
     */
    private void post(Router router, String endpoint, Handler<RoutingContext> handler, boolean onDomains) {
        for (var issuerPath : paths(endpoint, onDomains)) {
            post(router, issuerPath, handler);
        }
    }

    private static void post(Router router, IssuerPath issuerPath, Handler<RoutingContext> handler) {
        var path = issuerPath.path();
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT))
                .handler(issuerPath.resolver())
                .handler(handler)
                .failureHandler(context -> OAuthResponses.failure(
                        context,
                        refusedBody(context)
                                ? OAuthError.invalidRequest("The request is too large or malformed.")
                                : context.failure()));
        router.route(path)
                .handler(context -> context.response()
                        .setStatusCode(405)
                        .putHeader("Allow", "POST")
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"invalid_request\",\"error_description\":\"Use POST.\"}"));
    }
}
