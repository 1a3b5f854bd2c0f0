package io.nexidentity.token.key;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.projection.ProjectionEvents;
import io.nexidentity.projection.Projections;

/**
 * A tenant's choice of access-token algorithm into {@code projected_tenant_signing} (once per service); the rotator
 * keys the tenant accordingly at its next check, and every instance reloads the ring then.
 */
@ApplicationScoped
public class SigningPolicyConsumer {

    private final ProjectionEvents events;

    SigningPolicyConsumer(Projections projections, SigningPolicies policies) {
        var projection = policies.projection();
        this.events = projections
                .events("tenant-signing")
                .on(
                        TenantEvents.SIGNING_CHANGED,
                        (event, changed) -> changed.tenantId() == null
                                        || !changed.tenantId().equals(event.tenantid())
                                        || changed.accessTokenSigningAlg() == null
                                ? null
                                : projection.put(changed.tenantId(), changed, event.time()))
                .build();
    }

    @Incoming("token-signing-store")
    public Uni<Void> store(String json) {
        return events.store(json);
    }
}
