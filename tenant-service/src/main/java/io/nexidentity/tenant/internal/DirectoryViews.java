package io.nexidentity.tenant.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Request and response shapes of the internal API. */
public final class DirectoryViews {

    private DirectoryViews() {}

    public record MembershipContext(
            UUID membershipId, UUID organizationId, List<String> roles, List<String> permissions, int permVer) {}

    public record UserContext(
            UUID userId,
            UUID tenantId,
            String email,
            String name,
            String status,
            List<MembershipContext> memberships) {}

    public record VerifyPassword(
            @NotBlank String email, @NotNull String password) {}

    /** {@code reason} (unknown_user, no_password, wrong_password, user_disabled) when not verified. */
    public record PasswordVerification(boolean verified, String reason, UUID userId, UserContext user) {

        static PasswordVerification verified(UserContext user) {
            return new PasswordVerification(true, null, user.userId(), user);
        }

        static PasswordVerification refused(String reason) {
            return new PasswordVerification(false, reason, null, null);
        }

        static PasswordVerification refused(String reason, UUID userId) {
            return new PasswordVerification(false, reason, userId, null);
        }
    }

    public record BootstrapCredentialRecord(
            String clientId,
            UUID tenantId,
            UUID organizationId,
            String secretHash,
            List<String> scopes,
            Instant expiresAt,
            String status) {}
}
