package io.nexidentity.token.key;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JWSAlgorithm;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.TenantEvents.SigningChanged;
import io.nexidentity.projection.Projection;
import io.nexidentity.projection.Projections;

/**
 * The access-token algorithm each tenant chose (tenant-service, {@code nexid.tenant.signing_changed.v1}), as this
 * service keeps it: in {@code projected_tenant_signing}, read through on a miss. Read when a ring is loaded and by the
 * rotator, never per token.
 */
@ApplicationScoped
public class SigningPolicies {

    /** What a tenant that never chose signs with, and what every relying party can verify. */
    public static final JWSAlgorithm DEFAULT_ALG = JWSAlgorithm.RS256;

    private final Projection<SigningChanged> policies;

    SigningPolicies(
            Projections projections,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.policies = projections
                .of("tenant-signing", SigningChanged.class)
                .table("projected_tenant_signing")
                .identifiedBy(SigningChanged::tenantId)
                .owner(tenantServiceUrl, "/internal/v1/tenants/{}/signing")
                .build();
    }

    /** The algorithm the tenant chose for its access tokens; the default while the tenant-service cannot say. */
    public Uni<JWSAlgorithm> accessTokenAlg(UUID tenantId) {
        return policies.find(tenantId.toString())
                .map(policy -> policy.map(SigningChanged::accessTokenSigningAlg)
                        .flatMap(SigningPolicies::supported)
                        .orElse(DEFAULT_ALG))
                .onFailure()
                .recoverWithItem(DEFAULT_ALG);
    }

    Projection<SigningChanged> projection() {
        return policies;
    }

    /** The algorithm of that name, if this service can sign with it. */
    static Optional<JWSAlgorithm> supported(String name) {
        return SigningKeys.algorithms().stream()
                .filter(alg -> alg.getName().equals(name))
                .findFirst();
    }
}
