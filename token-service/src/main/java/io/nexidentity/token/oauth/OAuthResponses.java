package io.nexidentity.token.oauth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/** JSON responses of OAuth endpoints: never cached (RFC 6749 section 5.1), errors in the RFC 6749 shape. */
public final class OAuthResponses {

    private static final Logger LOG = Logger.getLogger(OAuthResponses.class);

    private OAuthResponses() {}

    public static void json(RoutingContext context, int status, JsonObject body) {
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .end(body.toBuffer());
    }

    /** Answers a failure: its OAuth error, or {@code server_error} (logged, with nothing internal revealed). */
    public static void failure(RoutingContext context, Throwable failure) {
        if (failure instanceof OAuthError error) {
            if (error.challenge() != null) {
                context.response().putHeader("WWW-Authenticate", error.challenge());
            }
            var body = new JsonObject().put("error", error.error());
            if (error.getMessage() != null) {
                body.put("error_description", error.getMessage());
            }
            json(context, error.status(), body);
            return;
        }
        LOG.error("OAuth endpoint failed", failure);
        json(context, 500, new JsonObject().put("error", "server_error"));
    }
}
