package io.nexidentity.token.issuer;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.runtime.internal.InternalApi;
import io.nexidentity.runtime.issuer.TenantIssuerUrls;
import io.nexidentity.runtime.limit.ReadThroughBudget;
import io.nexidentity.runtime.net.HostNames;
import io.nexidentity.token.key.KeyRing;
import io.nexidentity.token.key.SigningKeyRotator;
import io.nexidentity.token.key.SigningKeys;

/**
 * Which tenant's issuer a request reached: the slug in its path, or the custom domain it was sent to (its Host). A slug
 * is the tenant's for good (the tenant-service never gives it to another), so an answer is kept in memory; a domain
 * is kept until its tenant gives it up (the event makes every instance forget it) and at most ten minutes. Slugs and
 * hosts no tenant holds are remembered for a few seconds, and lookups of names not in memory are limited to a budget
 * per second (slugs and hosts each their own), so that invented names cost the tenant-service little; only public host
 * names other than the platform's are looked up at all. A tenant's key ring is loaded (its first keys
 * created) before its first request is routed.
 */
@ApplicationScoped
public class TenantIssuers {

    private final MeterRegistry registry;
    private final InternalApi internalApi;
    private final String tenantServiceUrl;
    private final String platformUrl;
    private final String platformPath;
    private final String platformHost;
    private final SigningKeys keys;
    private final SigningKeyRotator rotator;
    private final ReadThroughBudget slugLookups = new ReadThroughBudget(100, System::nanoTime);
    private final ReadThroughBudget hostLookups = new ReadThroughBudget(100, System::nanoTime);
    private final Cache<String, TenantIssuer> bySlug =
            Caffeine.newBuilder().maximumSize(200_000).build();
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();
    private final Cache<String, TenantIssuer> byDomain = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    private final Cache<String, Boolean> publicHosts =
            Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, Boolean> unknownHosts = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();
    private final Map<UUID, Uni<KeyRing>> loading = new ConcurrentHashMap<>();
    /** Counts domain changes, so that an answer read while a change arrived is not remembered over it. */
    private long domainChanges;

    TenantIssuers(
            MeterRegistry registry,
            InternalApi internalApi,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl,
            @ConfigProperty(name = "nexid.issuer") String platformUrl,
            SigningKeys keys,
            SigningKeyRotator rotator) {
        this.registry = registry;
        this.internalApi = internalApi;
        this.tenantServiceUrl = tenantServiceUrl;
        this.platformUrl = platformUrl;
        this.platformPath = URI.create(platformUrl).getPath();
        this.platformHost = URI.create(platformUrl).getHost();
        this.keys = keys;
        this.rotator = rotator;
    }

    /** The issuer at {@code slug} when it is known here and its keys are loaded: every request but a tenant's first. */
    public TenantIssuer known(String slug) {
        var issuer = bySlug.getIfPresent(slug);
        return issuer != null && keys.ring(issuer.tenantId()) != null ? issuer : null;
    }

    /**
     * The issuer at {@code slug}, its key ring loaded; empty when no tenant holds the slug. Fails while the lookup
     * budget is spent.
     */
    public Uni<Optional<TenantIssuer>> resolve(String slug) {
        if (!TenantIssuerUrls.validSlug(slug) || unknown.getIfPresent(slug) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        var cached = bySlug.getIfPresent(slug);
        Uni<Optional<TenantIssuer>> found;
        if (cached != null) {
            found = Uni.createFrom().item(Optional.of(cached));
        } else if (!slugLookups.take()) {
            return deferred("slug");
        } else {
            found = internalApi
                    .get(tenantServiceUrl, TenantSnapshot.class, "/internal/v1/tenant-slugs/{}", slug)
                    .map(tenant -> tenant.filter(known -> slug.equals(known.slug()))
                            .map(known -> issuer(known.tenantId(), slug)))
                    .invoke(issuer ->
                            issuer.ifPresentOrElse(known -> bySlug.put(slug, known), () -> unknown.put(slug, true)))
                    .invoke(issuer -> count("slug", issuer.isPresent() ? "found" : "unknown"))
                    .onFailure()
                    .invoke(failure -> count("slug", "failed"));
        }
        return found.call(issuer -> issuer.map(known -> loaded(known.tenantId()))
                .orElseGet(() -> Uni.createFrom().nullItem()));
    }

    /** The issuer served on {@code host} when it is known here and its keys are loaded. */
    public TenantIssuer knownHost(String host) {
        var issuer = byDomain.getIfPresent(host);
        return issuer != null && keys.ring(issuer.tenantId()) != null ? issuer : null;
    }

    /**
     * The issuer of the tenant that proved {@code host} as its custom domain, its key ring loaded; empty for any other
     * host (the platform's own, an address, a name no tenant proved).
     */
    public Uni<Optional<TenantIssuer>> resolveHost(String host) {
        if (!mayBeCustomDomain(host) || unknownHosts.getIfPresent(host) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        var cached = byDomain.getIfPresent(host);
        Uni<Optional<TenantIssuer>> found;
        if (cached != null) {
            found = Uni.createFrom().item(Optional.of(cached));
        } else if (!hostLookups.take()) {
            return deferred("host");
        } else {
            var seen = changesSeen();
            found = internalApi
                    .get(tenantServiceUrl, TenantSnapshot.class, "/internal/v1/tenant-domains/{}", host)
                    .map(tenant -> tenant.map(owner -> new TenantIssuer(
                            owner.tenantId(),
                            owner.slug(),
                            "https://" + host,
                            "",
                            TenantIssuerUrls.issuer(platformUrl, owner.slug()))))
                    .invoke(issuer -> remember(host, issuer, seen))
                    .invoke(issuer -> count("host", issuer.isPresent() ? "found" : "unknown"))
                    .onFailure()
                    .invoke(failure -> count("host", "failed"));
        }
        return found.call(issuer -> issuer.map(known -> loaded(known.tenantId()))
                .orElseGet(() -> Uni.createFrom().nullItem()));
    }

    private <T> Uni<T> deferred(String kind) {
        count(kind, "deferred");
        return Uni.createFrom().failure(new LookupDeferred());
    }

    /** Lookups of slugs and hosts not in memory, by outcome: found, unknown, deferred (budget spent), failed. */
    private void count(String kind, String outcome) {
        Counter.builder("nexid.issuer.lookups")
                .description("Lookups of tenant issuers not in memory, by kind (slug, host) and outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A tenant proved or gave up {@code domain}: the next request on it asks the tenant-service again. */
    public synchronized void forgetDomain(String domain) {
        domainChanges++;
        byDomain.invalidate(domain);
        unknownHosts.invalidate(domain);
    }

    private synchronized long changesSeen() {
        return domainChanges;
    }

    /** Keeps an answer unless a domain changed while it was asked for (it may predate the change). */
    private synchronized void remember(String host, Optional<TenantIssuer> issuer, long seen) {
        if (seen != domainChanges) {
            return;
        }
        issuer.ifPresentOrElse(known -> byDomain.put(host, known), () -> unknownHosts.put(host, true));
    }

    /**
     * Only a public host name other than the platform's can be a custom domain (the tenant-service's own rule); the
     * answer for a host is remembered, as every request asks it.
     */
    public boolean mayBeCustomDomain(String host) {
        return host != null
                && !host.equals(platformHost)
                && publicHosts.get(host, name -> HostNames.isPublic(name, platformHost));
    }

    private TenantIssuer issuer(UUID tenantId, String slug) {
        var url = TenantIssuerUrls.issuer(platformUrl, slug);
        return new TenantIssuer(tenantId, slug, url, TenantIssuerUrls.issuer(platformPath, slug), url);
    }

    /** The tenant's ring; one load at a time per tenant, on a worker thread (a first key pair takes a while). */
    private Uni<KeyRing> loaded(UUID tenantId) {
        var ring = keys.ring(tenantId);
        if (ring != null) {
            return Uni.createFrom().item(ring);
        }
        return loading.computeIfAbsent(
                tenantId,
                id -> Uni.createFrom()
                        .item(() -> rotator.ensure(id))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onTermination()
                        .invoke(() -> loading.remove(id))
                        .memoize()
                        .indefinitely());
    }

    /** Too many lookups of unknown slugs right now: the caller may retry shortly. */
    private static final class LookupDeferred extends RuntimeException {

        LookupDeferred() {
            super("issuer lookups are deferred", null, false, false);
        }
    }
}
