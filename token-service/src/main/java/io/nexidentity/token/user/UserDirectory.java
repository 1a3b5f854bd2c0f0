package io.nexidentity.token.user;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.Directory.PasswordVerification;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.runtime.internal.InternalApi;

/**
 * Users as sign-in and user tokens need them, from the tenant-service's internal API: the password check and the
 * user's current status and membership context (so a disabled user or a changed role counts at once).
 */
@ApplicationScoped
public class UserDirectory {

    private final InternalApi internalApi;
    private final String tenantServiceUrl;

    UserDirectory(
            InternalApi internalApi,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.internalApi = internalApi;
        this.tenantServiceUrl = tenantServiceUrl;
    }

    public Uni<PasswordVerification> verifyPassword(UUID tenantId, String email, String password) {
        return internalApi.post(
                tenantServiceUrl,
                "/internal/v1/tenants/" + tenantId + "/password-verifications",
                Map.of("email", email, "password", password),
                PasswordVerification.class);
    }

    public Uni<Optional<UserContext>> user(UUID tenantId, UUID userId) {
        return internalApi.get(
                tenantServiceUrl, "/internal/v1/tenants/" + tenantId + "/users/" + userId, UserContext.class);
    }

    public Uni<Optional<TenantSnapshot>> tenant(UUID tenantId) {
        return internalApi.get(tenantServiceUrl, "/internal/v1/tenants/" + tenantId, TenantSnapshot.class);
    }
}
