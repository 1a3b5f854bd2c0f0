package io.nexidentity.tenantprojection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.runtime.internal.InternalApi;

/**
 * Tenants and organizations as this service knows them: from the projection, or, on a miss (a resource created a
 * moment ago), read through from the tenant-service and remembered. What is read through is stored as of a little
 * before now, so that events committed around the read are still applied over it.
 */
@ApplicationScoped
public class TenantDirectory {

    private static final Duration READ_THROUGH_MARGIN = Duration.ofSeconds(10);

    private final TenantProjectionStore store;
    private final InternalApi internalApi;
    private final String tenantServiceUrl;
    private final Clock clock = Clock.systemUTC();

    TenantDirectory(
            TenantProjectionStore store,
            InternalApi internalApi,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.store = store;
        this.internalApi = internalApi;
        this.tenantServiceUrl = tenantServiceUrl;
    }

    public Uni<Optional<TenantSnapshot>> tenant(UUID tenantId) {
        return store.tenant(tenantId)
                .flatMap(known -> known.isPresent()
                                && !"pending".equals(known.get().licenceStatus())
                        ? Uni.createFrom().item(known)
                        : internalApi
                                .get(tenantServiceUrl, TenantSnapshot.class, "/internal/v1/tenants/{}", tenantId)
                                .call(fetched -> fetched.isPresent()
                                        ? store.putTenant(store.pool(), fetched.get(), asOf())
                                        : Uni.createFrom().voidItem()));
    }

    public Uni<Optional<OrganizationSnapshot>> organization(UUID organizationId) {
        return store.organization(organizationId)
                .flatMap(known -> known.isPresent()
                        ? Uni.createFrom().item(known)
                        : internalApi
                                .get(
                                        tenantServiceUrl,
                                        OrganizationSnapshot.class,
                                        "/internal/v1/organizations/{}",
                                        organizationId)
                                .call(fetched -> fetched.isPresent()
                                        ? store.putOrganization(store.pool(), fetched.get(), asOf())
                                        : Uni.createFrom().voidItem()));
    }

    private Instant asOf() {
        return clock.instant().minus(READ_THROUGH_MARGIN);
    }
}
