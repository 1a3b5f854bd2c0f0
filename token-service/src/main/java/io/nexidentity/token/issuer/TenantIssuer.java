package io.nexidentity.token.issuer;

import java.util.Optional;
import java.util.UUID;

import io.vertx.ext.web.RoutingContext;

import io.nexidentity.runtime.issuer.TenantIssuerUrls;

/**
 * The tenant issuer a request reached — at its slug on the platform's host, or on a custom domain of the tenant: {@code
 * url} is the issuer identifier its tokens carry and every endpoint's base; {@code path} is that URL's path (empty on a
 * custom domain), under which the cookies of its hosted pages live, so that no two tenants share a browser's cookies;
 * {@code slugUrl} is the tenant's issuer at its slug, which is {@code url} unless the request came on a custom domain.
 */
public record TenantIssuer(UUID tenantId, String slug, String url, String path, String slugUrl) {

    private static final String KEY = TenantIssuer.class.getName();

    /** The issuer the routing resolved for this request. */
    public static TenantIssuer of(RoutingContext context) {
        TenantIssuer issuer = context.get(KEY);
        if (issuer == null) {
            throw new IllegalStateException("no tenant issuer was resolved for " + context.normalizedPath());
        }
        return issuer;
    }

    /** The issuer resolved for this request, if any. */
    public static Optional<TenantIssuer> find(RoutingContext context) {
        return Optional.ofNullable(context.get(KEY));
    }

    public void attachTo(RoutingContext context) {
        context.put(KEY, this);
    }

    public String endpoint(String suffix) {
        return url + suffix;
    }

    /** A cookie path under the issuer: {@code suffix} is an endpoint ({@code /authorize}) or empty (all of them). */
    public String cookiePath(String suffix) {
        var cookiePath = path + suffix;
        return cookiePath.isEmpty() ? "/" : cookiePath;
    }

    /** Where the mutual-TLS listener, which serves every tenant on one host, serves this tenant's endpoints. */
    public String mtlsPath() {
        return TenantIssuerUrls.PREFIX + slug;
    }

    public boolean secure() {
        return url.startsWith("https://");
    }
}
