package io.nexidentity.token.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Handler;
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
import io.nexidentity.token.key.SigningKeys;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.oauth.OAuthResponses;
import io.nexidentity.token.pages.Pages;
import io.nexidentity.token.revocation.RevocationEndpoint;
import io.nexidentity.token.session.LogoutEndpoint;
import io.nexidentity.token.userinfo.UserinfoEndpoint;

/**
 * The OAuth and OpenID Connect endpoints, as plain Vert.x routes: they speak their RFCs' formats (form requests,
 * RFC 6749 error JSON), not the admin APIs' problem+json, and the hot ones skip every layer they do not need.
 */
@ApplicationScoped
public class OAuthRoutes {

    private static final int FORM_LIMIT = 64 * 1024;

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

    void register(@Observes Router router) {
        browser(router, "/authorize", authorize::handle);
        router.get("/authorize/sign-in").handler(recovery::signInAgain);
        post(router, "/authorize/sign-in", signIn::handle);
        browser(router, "/authorize/recover", recovery::recover);
        browser(router, "/authorize/reset", recovery::reset);
        browser(router, "/userinfo", userinfo::handle);
        browser(router, "/logout", logout::handle);
        post(router, "/device_authorization", deviceAuthorization::handle);
        browser(router, "/device", deviceVerification::handle);
        router.get("/.well-known/openid-configuration").handler(this::metadata);
        router.get("/.well-known/oauth-authorization-server").handler(this::metadata);
        router.get("/jwks").handler(this::jwks);
        post(router, "/token", token::handle);
        post(router, "/introspect", introspection::handle);
        post(router, "/revoke", revocation::handle);
    }

    /** The endpoints clients use with their TLS certificate (RFC 8705 section 5), for the mutual-TLS listener. */
    public void mtlsAliases(Router router) {
        post(router, "/token", token::handle);
        post(router, "/introspect", introspection::handle);
        post(router, "/revoke", revocation::handle);
        post(router, "/device_authorization", deviceAuthorization::handle);
        browser(router, "/userinfo", userinfo::handle);
    }

    private void metadata(RoutingContext context) {
        context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "public, max-age=3600")
                .end(metadata.document());
    }

    /** Public keys only; cacheable for five minutes, well inside the time a new key is published before it signs. */
    private void jwks(RoutingContext context) {
        context.response()
                .putHeader("Content-Type", "application/jwk-set+json")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(Buffer.buffer(keys.ring().jwks()));
    }

    /** GET, and POST with a form (OpenID Connect requires both at the authorization and userinfo endpoints). */
    private static void browser(Router router, String path, Handler<RoutingContext> handler) {
        router.get(path).handler(handler);
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT))
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
    private static void post(Router router, String path, Handler<RoutingContext> handler) {
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT))
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
