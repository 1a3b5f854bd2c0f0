package io.nexidentity.tenant.domain;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.EventType;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.DomainChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.limit.AttemptLimiter;
import io.nexidentity.runtime.net.HostNames;
import io.nexidentity.runtime.persistence.UniqueViolation;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.tenant.domain.TenantDomain.DomainStatus;

/**
 * A tenant's custom domains. Claiming one is free (several tenants may claim the same name); proving it takes the DNS
 * record only the domain's owner can publish, and a domain another tenant has proven is refused — the database's
 * unique index decides, whichever instance verifies first. The DNS lookup holds no transaction.
 */
@ApplicationScoped
public class TenantDomainService {

    static final int MAX_DOMAINS = 10;
    /** Each verification is a DNS query the tenant chose: a few per domain and hour are plenty. */
    static final int VERIFICATIONS_PER_HOUR = 60;

    private static final String VERIFICATIONS = "domain-verification:";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String VERIFIED_UNIQUE = "tenant_domain_verified";

    private final TenantDomainRepository domains;
    private final DomainOwnership ownership;
    private final AttemptLimiter limiter;
    private final SecretHasher secrets;
    private final OutboxWriter outbox;
    private final String platformHost;
    private final Clock clock;

    TenantDomainService(
            TenantDomainRepository domains,
            DomainOwnership ownership,
            AttemptLimiter limiter,
            SecretHasher secrets,
            OutboxWriter outbox,
            @ConfigProperty(name = "nexid.issuer") String platformUrl,
            Clock clock) {
        this.domains = domains;
        this.ownership = ownership;
        this.limiter = limiter;
        this.secrets = secrets;
        this.outbox = outbox;
        this.platformHost = URI.create(platformUrl).getHost();
        this.clock = clock;
    }

    @WithSession
    public Uni<List<DomainView>> list(UUID tenantId) {
        return domains.ofTenant(tenantId)
                .map(all -> all.stream().map(DomainView::of).toList());
    }

    /** Claims {@code raw} for the tenant: pending until verified; its DNS record to publish is in the answer. */
    @WithTransaction
    public Uni<DomainView> claim(UUID tenantId, String raw) {
        var domain = domainName(raw);
        return domains.verified(domain)
                .flatMap(verified -> {
                    if (verified != null && !verified.tenantId.equals(tenantId)) {
                        throw taken(domain);
                    }
                    return domains.find(tenantId, domain);
                })
                .flatMap(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict(
                                "domain-exists", "The tenant has already claimed " + domain + ".");
                    }
                    return domains.countOf(tenantId);
                })
                .flatMap(count -> {
                    if (count >= MAX_DOMAINS) {
                        throw ProblemException.conflict(
                                "domain-limit", "A tenant can have at most " + MAX_DOMAINS + " custom domains.");
                    }
                    var claim = new TenantDomain();
                    claim.tenantId = tenantId;
                    claim.domain = domain;
                    claim.verificationToken = secrets.newSecret();
                    claim.status = DomainStatus.PENDING;
                    claim.createdAt = clock.instant();
                    return domains.persist(claim).map(DomainView::of);
                });
    }

    /**
     * Looks the challenge record up and, when it holds the claim's value, makes the domain the tenant's. A domain
     * another tenant proved first is a conflict; a record not (yet) there is a conflict saying what to publish.
     */
    public Uni<DomainView> verify(UUID tenantId, String raw) {
        var domain = domainName(raw);
        return Panache.withSession(() -> claimOf(tenantId, domain)).flatMap(claim -> {
            if (claim.status == DomainStatus.VERIFIED) {
                return Uni.createFrom().item(DomainView.of(claim));
            }
            return limiter.reserve(new TreeMap<>(Map.of(VERIFICATIONS + tenantId, VERIFICATIONS_PER_HOUR)), HOUR)
                    .flatMap(reserved -> {
                        if (reserved.isEmpty()) {
                            throw new ProblemException(Problem.of(
                                    "too-many-verifications",
                                    "Too Many Requests",
                                    429,
                                    "The tenant asked for " + VERIFICATIONS_PER_HOUR
                                            + " domain verifications within the hour; try again later."));
                        }
                        return ownership.proven(domain, claim.verificationToken);
                    })
                    .flatMap(proven -> {
                        if (!proven) {
                            throw ProblemException.conflict(
                                    "domain-not-verified",
                                    "No TXT record " + DomainOwnership.recordName(domain) + " holds "
                                            + DomainOwnership.recordValue(claim.verificationToken) + " yet.");
                        }
                        return Panache.withTransaction(() -> claimOf(tenantId, domain)
                                        .flatMap(current -> {
                                            current.status = DomainStatus.VERIFIED;
                                            current.verifiedAt = clock.instant();
                                            return Panache.getSession()
                                                    .flatMap(session -> session.flush())
                                                    .call(() -> publish(TenantEvents.DOMAIN_VERIFIED, current))
                                                    .replaceWith(current);
                                        }))
                                .onFailure(failure -> UniqueViolation.of(failure, VERIFIED_UNIQUE))
                                .transform(failure -> taken(domain))
                                .map(DomainView::of);
                    });
        });
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldVerifications() {
        return limiter.forget(VERIFICATIONS, HOUR);
    }

    /** Gives the domain up; a verified one's issuer is served no more. */
    @WithTransaction
    public Uni<Void> remove(UUID tenantId, String raw) {
        var domain = domainName(raw);
        return claimOf(tenantId, domain)
                .call(claim -> domains.delete(claim))
                .call(claim -> publish(TenantEvents.DOMAIN_REMOVED, claim))
                .replaceWithVoid();
    }

    /** The tenant that proved {@code domain}, if any. */
    @WithSession
    public Uni<Optional<UUID>> owner(String domain) {
        return domains.verified(domain)
                .map(verified -> Optional.ofNullable(verified).map(found -> found.tenantId));
    }

    private String domainName(String raw) {
        try {
            return HostNames.canonical(raw, platformHost);
        } catch (IllegalArgumentException invalid) {
            throw ProblemException.invalidField("domain", invalid.getMessage());
        }
    }

    private Uni<TenantDomain> claimOf(UUID tenantId, String domain) {
        return domains.find(tenantId, domain).map(claim -> {
            if (claim == null) {
                throw ProblemException.notFound("Domain", domain);
            }
            return claim;
        });
    }

    private Uni<?> publish(EventType<DomainChanged> type, TenantDomain domain) {
        return outbox.append(
                type,
                domain.tenantId.toString(),
                domain.tenantId.toString(),
                new DomainChanged(domain.tenantId.toString(), domain.domain, DomainView.issuerOf(domain.domain)));
    }

    private static ProblemException taken(String domain) {
        return ProblemException.conflict("domain-taken", "The domain " + domain + " belongs to another tenant.");
    }
}
