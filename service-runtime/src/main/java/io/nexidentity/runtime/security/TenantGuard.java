package io.nexidentity.runtime.security;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.events.security.SecurityEvents;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.problem.ProblemException;

/**
 * Keeps admin APIs inside the caller's tenant. A resource of another tenant is answered exactly like a missing one
 * (404), and the attempt becomes an event in the owning tenant's audit trail, committed on its own so that the
 * failing request cannot roll it back.
 */
@ApplicationScoped
public class TenantGuard {

    private final Caller caller;
    private final OutboxWriter outbox;

    TenantGuard(Caller caller, OutboxWriter outbox) {
        this.caller = caller;
        this.outbox = outbox;
    }

    /**
     * The resource, when it exists in the caller's tenant; a 404 problem otherwise.
     *
     * @param resourceType lower-case name used in events, e.g. {@code organization}
     * @param operation what the caller tried, e.g. {@code rename}
     */
    public <E> Uni<E> requireOwned(
            String resourceType, Object resourceId, E resource, Function<E, UUID> tenantOf, String operation) {
        var callerTenant = caller.tenantId();
        if (resource == null) {
            return Uni.createFrom().failure(notFound(resourceType, resourceId));
        }
        var owner = tenantOf.apply(resource);
        if (owner.equals(callerTenant)) {
            return Uni.createFrom().item(resource);
        }
        var attempt = new SecurityEvents.CrossTenantAccessDenied(
                callerTenant.toString(), caller.subject(), resourceType, String.valueOf(resourceId), operation);
        return outbox.appendCommitted(
                        SecurityEvents.CROSS_TENANT_ACCESS_DENIED,
                        String.valueOf(resourceId),
                        owner.toString(),
                        attempt)
                .onItem()
                .transformToUni(recorded -> Uni.createFrom().failure(notFound(resourceType, resourceId)));
    }

    private static ProblemException notFound(String resourceType, Object resourceId) {
        var name = Character.toUpperCase(resourceType.charAt(0)) + resourceType.substring(1);
        return ProblemException.notFound(name, String.valueOf(resourceId));
    }
}
