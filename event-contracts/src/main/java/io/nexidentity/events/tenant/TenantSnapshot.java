package io.nexidentity.events.tenant;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A tenant as other services need it: its plan, whether its licence is active, and its quotas (all zero without an
 * active licence). Served by the tenant-service's internal API for read-through.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TenantSnapshot(
        UUID tenantId, String slug, String name, String status, String plan, String licenceStatus, Quotas quotas) {

    public boolean licensed() {
        return "active".equals(licenceStatus);
    }
}
