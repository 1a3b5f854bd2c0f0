package io.nexidentity.tenant.organization;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

public record OrganizationView(UUID organizationId, String name, String status, Instant createdAt, Instant updatedAt) {

    public static OrganizationView of(Organization organization) {
        return new OrganizationView(
                organization.id,
                organization.name,
                organization.status.name().toLowerCase(Locale.ROOT),
                organization.createdAt,
                organization.updatedAt);
    }
}
