package io.nexidentity.token.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
                new VerifyPassword(email, password),
                PasswordVerification.class);
    }

    public Uni<Optional<UserContext>> user(UUID tenantId, UUID userId) {
        return internalApi.get(
                tenantServiceUrl, "/internal/v1/tenants/" + tenantId + "/users/" + userId, UserContext.class);
    }

    public Uni<Optional<TenantSummary>> tenant(UUID tenantId) {
        return internalApi.get(tenantServiceUrl, "/internal/v1/tenants/" + tenantId, TenantSummary.class);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VerifyPassword(String email, String password) {}

    /** {@code reason} (unknown_user, no_password, wrong_password, user_disabled) when not verified. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PasswordVerification(boolean verified, String reason, UUID userId, UserContext user) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserContext(
            UUID userId, UUID tenantId, String email, String name, String status, List<Membership> memberships) {

        public boolean active() {
            return "active".equals(status);
        }

        /** The membership in this organization, else the user's first one. */
        public Optional<Membership> membershipFor(UUID organizationId) {
            return memberships().stream()
                    .filter(membership -> membership.organizationId().equals(organizationId))
                    .findFirst()
                    .or(this::firstMembership);
        }

        public Optional<Membership> firstMembership() {
            return memberships().stream().findFirst();
        }

        @Override
        public List<Membership> memberships() {
            return memberships == null ? List.of() : memberships;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Membership(
            UUID membershipId, UUID organizationId, List<String> roles, List<String> permissions, int permVer) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TenantSummary(UUID tenantId, String slug, String name, String status) {}
}
