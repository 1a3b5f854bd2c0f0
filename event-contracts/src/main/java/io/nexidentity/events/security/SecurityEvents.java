package io.nexidentity.events.security;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;

/** Refused attempts, on {@code nexid.security.v1}. */
public final class SecurityEvents {

    /**
     * A caller of one tenant addressed a resource of another. The event belongs to the tenant that owns the resource
     * (its audit trail shows the attempt); the caller's tenant is in the payload.
     */
    public static final EventType<CrossTenantAccessDenied> CROSS_TENANT_ACCESS_DENIED = new EventType<>(
            "nexid.security.cross_tenant_access_denied.v1", Topic.SECURITY, CrossTenantAccessDenied.class);

    public static final List<EventType<?>> ALL = List.of(CROSS_TENANT_ACCESS_DENIED);

    private SecurityEvents() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CrossTenantAccessDenied(
            String callerTenantId, String callerSubject, String resourceType, String resourceId, String operation) {}
}
