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

    /**
     * A membership as sign-in needs it; {@code adminPermissions} are the admin permissions its roles grant (built-in
     * and the tenant's own roles), resolved by the tenant-service.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MembershipContext(
            UUID membershipId,
            UUID organizationId,
            List<String> roles,
            List<String> permissions,
            int permVer,
            List<String> adminPermissions) {}

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

    /**
     * How the hosted pages present a tenant: its display name (the tenant's name unless branded), and the logo,
     * primary colour and support link it set, each {@code null} when unset.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PageBranding(String displayName, String logoUrl, String primaryColour, String supportUrl) {

        /** The platform's colour: 6.7:1 against white. */
        public static final String DEFAULT_PRIMARY_COLOUR = "#1d4ed8";

        public String effectivePrimaryColour() {
            return primaryColour == null ? DEFAULT_PRIMARY_COLOUR : primaryColour;
        }
    }

    /**
     * A "forgot password" request from a hosted page: {@code resetUrl} is the page the link leads to (the token is
     * appended as its {@code token} query parameter), built by the token-service from its configured issuer, never from
     * a request's Host header; {@code language} chooses the mail's language; {@code address} is the person's, and
     * {@code addressKey} its throttle key (IPv6: the /64).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecoveryRequest(
            String email, String clientId, String resetUrl, String language, String address, String addressKey) {}

    /** A recovery link that can still be used: whose it is (tenant, client it started from) and until when. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecoveryTicket(UUID tenantId, String clientId, Instant expiresAt) {}

    /** A recovery link's token, to ask whose the link is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecoveryLink(String token) {}

    /** Uses a recovery link to set a new password. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecoveryCompletion(String token, String newPassword) {}

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
