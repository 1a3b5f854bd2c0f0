package io.nexidentity.token.issuer;

import java.util.Optional;
import java.util.UUID;

import io.vertx.ext.web.RoutingContext;

/**
 * The tenant issuer a request reached: {@code url} is the issuer identifier its tokens carry and every endpoint's
 * base; {@code path} scopes the cookies of its hosted pages, so that no two tenants share a browser's cookies.
 */
public record TenantIssuer(UUID tenantId, String slug, String url, String path) {

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

    public boolean secure() {
        return url.startsWith("https://");
    }
}
