package io.nexidentity.tenant.branding;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.tenant.Directory.PageBranding;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.BrandingChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.tenant.Tenant;
import io.nexidentity.tenant.tenant.TenantRepository;

/** A tenant's branding of its hosted pages: set as a whole, each change an audited event. */
@ApplicationScoped
public class BrandingService {

    private final BrandingRepository brandings;
    private final TenantRepository tenants;
    private final OutboxWriter outbox;
    private final Clock clock;

    BrandingService(BrandingRepository brandings, TenantRepository tenants, OutboxWriter outbox, Clock clock) {
        this.brandings = brandings;
        this.tenants = tenants;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithSession
    public Uni<BrandingView> get(UUID tenantId) {
        return tenant(tenantId).flatMap(tenant -> brandings.findById(tenantId).map(branding -> view(tenant, branding)));
    }

    /** What the hosted pages show for the tenant. */
    @WithSession
    public Uni<PageBranding> forPages(UUID tenantId) {
        return get(tenantId)
                .map(view -> new PageBranding(
                        view.effectiveDisplayName(), view.logoUrl(), view.primaryColour(), view.supportUrl()));
    }

    /** Replaces the branding: fields left out are unset. Validated before anything is stored. */
    @WithTransaction
    public Uni<BrandingView> replace(UUID tenantId, SetBranding request) {
        var displayName = BrandingRules.displayName(request.displayName());
        var logoUrl = BrandingRules.logoUrl(request.logoUrl());
        var primaryColour = BrandingRules.primaryColour(request.primaryColour());
        var supportUrl = BrandingRules.supportUrl(request.supportUrl());
        return tenant(tenantId)
                .flatMap(tenant -> brandings.findById(tenantId).flatMap(existing -> {
                    var branding = existing == null ? new Branding() : existing;
                    var unchanged = existing != null
                            && Objects.equals(existing.displayName, displayName)
                            && Objects.equals(existing.logoUrl, logoUrl)
                            && Objects.equals(existing.primaryColour, primaryColour)
                            && Objects.equals(existing.supportUrl, supportUrl);
                    if (unchanged) {
                        return Uni.createFrom().item(view(tenant, existing));
                    }
                    branding.tenantId = tenantId;
                    branding.displayName = displayName;
                    branding.logoUrl = logoUrl;
                    branding.primaryColour = primaryColour;
                    branding.supportUrl = supportUrl;
                    branding.updatedAt = clock.instant();
                    Uni<Branding> stored = existing == null
                            ? brandings.persist(branding)
                            : Uni.createFrom().item(branding);
                    return stored.flatMap(saved -> outbox.append(
                                    TenantEvents.BRANDING_CHANGED,
                                    tenantId.toString(),
                                    tenantId.toString(),
                                    new BrandingChanged(
                                            tenantId.toString(), displayName, logoUrl, primaryColour, supportUrl)))
                            .replaceWith(view(tenant, branding));
                }));
    }

    private Uni<Tenant> tenant(UUID tenantId) {
        return tenants.findById(tenantId).map(tenant -> {
            if (tenant == null) {
                throw ProblemException.notFound("Tenant", tenantId.toString());
            }
            return tenant;
        });
    }

    private static BrandingView view(Tenant tenant, Branding branding) {
        var set = branding == null ? new Branding() : branding;
        return new BrandingView(
                set.displayName,
                set.logoUrl,
                set.primaryColour,
                set.supportUrl,
                set.displayName == null ? tenant.name : set.displayName,
                set.primaryColour == null ? PageBranding.DEFAULT_PRIMARY_COLOUR : set.primaryColour);
    }

    /** The request of {@code PUT /v1/tenant/branding}. */
    public record SetBranding(String displayName, String logoUrl, String primaryColour, String supportUrl) {}
}
