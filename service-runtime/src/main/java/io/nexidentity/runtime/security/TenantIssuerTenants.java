package io.nexidentity.runtime.security;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.runtime.issuer.TenantIssuerUrls;

/**
 * Lets the admin APIs take the tokens of every tenant's issuer ({@code {nexid.issuer}/t/{slug}}): a bearer token naming
 * such an issuer is validated with that issuer's keys and must name it, under the rules (audience above all) of the
 * OIDC tenant configured for the path — the default one, or a named one whose {@code tenant-paths} match. Only the
 * issuer claim is read before validation, and only issuers of this platform are considered; any other token falls to
 * the configured tenants (the shared issuer of old, while its tokens live).
 */
@ApplicationScoped
public class TenantIssuerTenants implements TenantConfigResolver {

    private static final String BEARER = "Bearer ";

    private final OidcConfig oidc;
    private final String platformUrl;
    private final Cache<String, OidcTenantConfig> configs =
            Caffeine.newBuilder().maximumSize(10_000).build();

    TenantIssuerTenants(OidcConfig oidc, @ConfigProperty(name = "nexid.issuer") String platformUrl) {
        this.oidc = oidc;
        this.platformUrl = platformUrl;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        var authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String issuer;
        try {
            var claims = OidcUtils.decodeJwtContent(
                    authorization.substring(BEARER.length()).strip());
            issuer = claims == null ? null : claims.getString("iss");
        } catch (RuntimeException notAJwt) {
            return null;
        }
        var slug = TenantIssuerUrls.slug(platformUrl, issuer);
        if (slug.isEmpty()) {
            return null;
        }
        var rules = rulesFor(context.normalizedPath());
        var id = rules.getKey() + "@" + slug.get();
        return Uni.createFrom().item(configs.get(id, key -> issuerConfig(key, rules.getValue(), slug.get(), issuer)));
    }

    /**
     * The configured tenant's rules for one tenant issuer: its keys are fetched where the configured tenant fetches the
     * platform's (inside the cluster, say: {@code auth-server-url}) under the issuer's path, and its tokens must name it.
     */
    private OidcTenantConfig issuerConfig(
            String id, io.quarkus.oidc.runtime.OidcTenantConfig rules, String slug, String issuer) {
        var server = rules.authServerUrl().orElse(platformUrl);
        return OidcTenantConfig.builder(rules)
                .tenantId(id)
                .authServerUrl(TenantIssuerUrls.issuer(server, slug))
                .token()
                .issuer(issuer)
                .end()
                .build();
    }

    /** The configured OIDC tenant whose {@code tenant-paths} match the path; the default one otherwise. */
    private Map.Entry<String, io.quarkus.oidc.runtime.OidcTenantConfig> rulesFor(String path) {
        for (var tenant : oidc.namedTenants().entrySet()) {
            if (!OidcConfig.DEFAULT_TENANT_KEY.equals(tenant.getKey())
                    && tenant.getValue().tenantEnabled()
                    && tenant.getValue().tenantPaths().orElse(List.of()).stream()
                            .anyMatch(pattern -> matches(pattern, path))) {
                return tenant;
            }
        }
        return Map.entry("default", OidcConfig.getDefaultTenant(oidc));
    }

    private static boolean matches(String pattern, String path) {
        return pattern.endsWith("/*")
                ? path.startsWith(pattern.substring(0, pattern.length() - 1))
                : path.equals(pattern);
    }
}
