package io.nexidentity.token.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.token.issuer.TenantIssuer;

/**
 * The CSRF check of the hosted forms: a random token goes into the form and into an HttpOnly, SameSite=Strict cookie
 * scoped to the form's path under the tenant's issuer; a submission counts only when both come back equal. Another
 * site can make a browser post the form, but cannot read or set the cookie.
 */
public record FormCsrf(String cookieName, String endpoint, Duration lifetime) {

    public Cookie cookie(TenantIssuer issuer, String token) {
        return Cookie.cookie(cookieName, token)
                .setPath(issuer.cookiePath(endpoint))
                .setHttpOnly(true)
                .setSecure(issuer.secure())
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(lifetime.toSeconds());
    }

    /**
     * Whether the form's token matches the cookie and, when given, the token issued with the form (constant time).
     */
    public boolean verified(RoutingContext context, String formToken, String issued) {
        var cookie = context.request().getCookie(cookieName);
        return cookie != null && same(cookie.getValue(), formToken) && (issued == null || same(issued, formToken));
    }

    private static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
