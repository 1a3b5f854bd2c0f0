package io.nexidentity.events.tenant;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An organization as other services need it. Served by the tenant-service's internal API for read-through. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationSnapshot(UUID organizationId, UUID tenantId, String name, String status) {}
