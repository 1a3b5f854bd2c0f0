package io.nexidentity.tenant.tenant;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.nexidentity.events.tenant.Quotas;
import io.nexidentity.tenant.licence.Licence;
import io.nexidentity.tenant.licence.Licence.LicenceStatus;
import io.nexidentity.tenant.licence.LicenceView;

/** A tenant with its current licence; quotas are all zero while no licence is active. */
public record TenantView(
        UUID tenantId,
        String slug,
        String name,
        String status,
        String plan,
        LicenceView licence,
        Quotas quotas,
        Instant createdAt) {

    private static final Quotas NONE = new Quotas(0, 0, 0, 0, 0);

    public static TenantView of(Tenant tenant, Licence latestLicence) {
        var active = latestLicence != null && latestLicence.status == LicenceStatus.ACTIVE;
        return new TenantView(
                tenant.id,
                tenant.slug,
                tenant.name,
                tenant.status.name().toLowerCase(Locale.ROOT),
                tenant.plan.wireName(),
                LicenceView.of(latestLicence),
                active ? tenant.plan.quotas() : NONE,
                tenant.createdAt);
    }
}
