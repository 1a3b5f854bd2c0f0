package io.nexidentity.tenant.signing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.SigningChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.tenant.TenantRepository;

/**
 * The JWS algorithm a tenant's access tokens are signed with. The token-service learns of a change from its event and
 * keys the tenant's issuer accordingly.
 */
@ApplicationScoped
public class SigningService {

    /** RS256 is what every relying party can verify, and what the tenant's issuer signs with until told otherwise. */
    public static final String DEFAULT_ALG = "RS256";

    /** The algorithms an issuer can sign access tokens with, as JWS names them (RFC 7518, RFC 8037). */
    public static final List<String> ALGORITHMS = List.of("RS256", "ES256", "PS256", "EdDSA");

    private final SigningRepository signings;
    private final TenantRepository tenants;
    private final OutboxWriter outbox;
    private final Clock clock;

    SigningService(SigningRepository signings, TenantRepository tenants, OutboxWriter outbox, Clock clock) {
        this.signings = signings;
        this.tenants = tenants;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithSession
    public Uni<SigningChanged> get(UUID tenantId) {
        return existing(tenantId, false)
                .flatMap(tenant -> signings.findById(tenantId))
                .map(signing -> view(tenantId, signing));
    }

    @WithTransaction
    public Uni<SigningChanged> set(UUID tenantId, String accessTokenSigningAlg) {
        if (!ALGORITHMS.contains(accessTokenSigningAlg)) {
            throw ProblemException.invalidField(
                    "access_token_signing_alg", "must be one of " + String.join(", ", ALGORITHMS));
        }
        return existing(tenantId, true)
                .flatMap(tenant -> signings.findById(tenantId))
                .flatMap(existing -> {
                    if (view(tenantId, existing).accessTokenSigningAlg().equals(accessTokenSigningAlg)) {
                        return Uni.createFrom().item(view(tenantId, existing));
                    }
                    var signing = existing == null ? new Signing() : existing;
                    signing.tenantId = tenantId;
                    signing.accessTokenSigningAlg = accessTokenSigningAlg;
                    signing.updatedAt = clock.instant();
                    var changed = view(tenantId, signing);
                    Uni<Signing> stored = existing == null
                            ? signings.persist(signing)
                            : Uni.createFrom().item(signing);
                    return stored.call(saved -> outbox.append(
                                    TenantEvents.SIGNING_CHANGED, tenantId.toString(), tenantId.toString(), changed))
                            .replaceWith(changed);
                });
    }

    /** The tenant, its row locked to change it: two first choices at once must not both insert. */
    private Uni<UUID> existing(UUID tenantId, boolean lock) {
        var tenant = lock ? tenants.findById(tenantId, LockModeType.PESSIMISTIC_WRITE) : tenants.findById(tenantId);
        return tenant.map(found -> {
            if (found == null) {
                throw ProblemException.notFound("Tenant", tenantId.toString());
            }
            return tenantId;
        });
    }

    private static SigningChanged view(UUID tenantId, Signing signing) {
        return new SigningChanged(tenantId.toString(), signing == null ? DEFAULT_ALG : signing.accessTokenSigningAlg);
    }
}
