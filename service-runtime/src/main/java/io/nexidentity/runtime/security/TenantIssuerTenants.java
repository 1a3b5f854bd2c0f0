package io.nexidentity.runtime.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.runtime.internal.InternalApi;
import io.nexidentity.runtime.issuer.TenantIssuerUrls;
import io.nexidentity.runtime.limit.ReadThroughBudget;
import io.nexidentity.runtime.net.HostNames;

/**
 * Lets the admin APIs take the tokens of every tenant's issuer ({@code {nexid.issuer}/t/{slug}}, or {@code
 * https://{domain}} on a custom domain the tenant proved): a bearer token naming such an issuer is validated with the
 * tenant's keys and must name that issuer, under the rules (audience above all) of the OIDC tenant configured for the
 * path — the default one, or a named one whose {@code tenant-paths} match. Only the issuer and tenant claims are read
 * before validation, and only issuers the tenant-service says a tenant holds are considered — the slug's tenant, the
 * tenant that proved the domain — and only for that tenant's tokens (asked at most 50 times a second each for slugs
 * and domains; answers kept an hour for slugs, five minutes for domains, 30 seconds for names nobody holds). Any other
 * token falls to the configured tenants (the shared issuer of old, while its tokens live), which refuse it.
 */
@ApplicationScoped
public class TenantIssuerTenants implements TenantConfigResolver {

    private static final String BEARER = "Bearer ";
    private static final String HTTPS = "https://";

    private final OidcConfig oidc;
    private final InternalApi internalApi;
    private final String platformUrl;
    private final String platformHost;
    private final String tenantServiceUrl;
    private final Cache<String, OidcTenantConfig> configs =
            Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, Optional<TenantSnapshot>> slugOwners = owners(Duration.ofHours(1));
    private final Cache<String, Optional<TenantSnapshot>> domainOwners = owners(Duration.ofMinutes(5));
    private final ReadThroughBudget slugLookups = new ReadThroughBudget(50, System::nanoTime);
    private final ReadThroughBudget domainLookups = new ReadThroughBudget(50, System::nanoTime);

    TenantIssuerTenants(
            OidcConfig oidc,
            InternalApi internalApi,
            @ConfigProperty(name = "nexid.issuer") String platformUrl,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.oidc = oidc;
        this.internalApi = internalApi;
        this.platformUrl = platformUrl;
        this.platformHost = URI.create(platformUrl).getHost();
        this.tenantServiceUrl = tenantServiceUrl;
    }

    /** Who holds a name: answers kept {@code held} (slugs never change hands), none for 30 seconds. */
    private static Cache<String, Optional<TenantSnapshot>> owners(Duration held) {
        return Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfter(Expiry.<String, Optional<TenantSnapshot>>writing(
                        (name, owner) -> owner.isPresent() ? held : Duration.ofSeconds(30)))
                .build();
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        var authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String issuer;
        String tenantId;
        try {
            var claims = OidcUtils.decodeJwtContent(
                    authorization.substring(BEARER.length()).strip());
            issuer = claims == null ? null : claims.getString("iss");
            tenantId = claims == null ? null : claims.getString("tenant_id");
        } catch (RuntimeException notAJwt) {
            return null;
        }
        var slug = TenantIssuerUrls.slug(platformUrl, issuer);
        var domain = customDomain(issuer);
        if (slug.isEmpty() && domain == null) {
            return null;
        }
        var rules = rulesFor(context.normalizedPath());
        var owner = slug.isPresent()
                ? owner(slugOwners, slugLookups, "/internal/v1/tenant-slugs/{}", slug.get())
                : owner(domainOwners, domainLookups, "/internal/v1/tenant-domains/{}", domain);
        // The token must be of the tenant that holds the issuer (its signature, checked next, covers the claim): a
        // token naming an issuer no tenant holds builds no configuration and fetches nothing.
        return owner.map(found -> found.filter(
                        tenant -> tenant.tenantId().toString().equals(tenantId))
                .map(tenant -> configs.get(
                        rules.getKey() + "@" + tenant.tenantId() + "@" + issuer,
                        id -> issuerConfig(id, rules.getValue(), tenant.slug(), issuer)))
                .orElse(null));
    }

    /** The host of an issuer that may be a tenant's custom domain: {@code https://{host}}, a public host not ours. */
    private String customDomain(String issuer) {
        if (issuer == null || !issuer.startsWith(HTTPS)) {
            return null;
        }
        var host = issuer.substring(HTTPS.length());
        return HostNames.isPublic(host, platformHost) ? host : null;
    }

    /** The tenant holding a slug or a domain; empty when none does, or while lookups are spent (refused, then). */
    private Uni<Optional<TenantSnapshot>> owner(
            Cache<String, Optional<TenantSnapshot>> owners, ReadThroughBudget budget, String path, String name) {
        var known = owners.getIfPresent(name);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        if (!budget.take()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return internalApi
                .get(tenantServiceUrl, TenantSnapshot.class, path, name)
                .invoke(found -> owners.put(name, found));
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
