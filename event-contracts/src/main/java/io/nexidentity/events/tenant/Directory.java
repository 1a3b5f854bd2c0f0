package io.nexidentity.events.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The shapes of the tenant-service's internal directory API (users, their membership context, password checks,
 * bootstrap credentials), defined once for the tenant-service that answers and the services that ask.
 */
public final class Directory {

    private Directory() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MembershipContext(
            UUID membershipId, UUID organizationId, List<String> roles, List<String> permissions, int permVer) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserContext(
            UUID userId, UUID tenantId, String email, String name, String status, List<MembershipContext> memberships) {

        @Override
        public List<MembershipContext> memberships() {
            return memberships == null ? List.of() : memberships;
        }

        public boolean active() {
            return "active".equals(status);
        }

        /** The membership in this organization, else the user's first one. */
        public Optional<MembershipContext> membershipFor(UUID organizationId) {
            return memberships().stream()
                    .filter(membership -> membership.organizationId().equals(organizationId))
                    .findFirst()
                    .or(this::firstMembership);
        }

        public Optional<MembershipContext> firstMembership() {
            return memberships().stream().findFirst();
        }
    }

    /** {@code reason} (unknown_user, no_password, wrong_password, user_disabled) when not verified. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PasswordVerification(boolean verified, String reason, UUID userId, UserContext user) {

        public static PasswordVerification verified(UserContext user) {
            return new PasswordVerification(true, null, user.userId(), user);
        }

        public static PasswordVerification refused(String reason) {
            return new PasswordVerification(false, reason, null, null);
        }

        public static PasswordVerification refused(String reason, UUID userId) {
            return new PasswordVerification(false, reason, userId, null);
        }
    }

    /** A tenant's bootstrap admin client as the token-service authenticates it (the secret only as keyed hash). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BootstrapCredentialRecord(
            String clientId,
            UUID tenantId,
            UUID organizationId,
            String secretHash,
            List<String> scopes,
            Instant expiresAt,
            String status) {}
}
