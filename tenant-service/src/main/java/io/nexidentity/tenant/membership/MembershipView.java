package io.nexidentity.tenant.membership;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record MembershipView(
        UUID membershipId,
        UUID organizationId,
        UUID userId,
        List<String> roles,
        List<String> permissions,
        int permVer,
        Instant createdAt,
        Instant updatedAt) {

    public static MembershipView of(Membership membership) {
        return new MembershipView(
                membership.id,
                membership.organizationId,
                membership.userId,
                membership.roles,
                membership.permissions,
                membership.permVer,
                membership.createdAt,
                membership.updatedAt);
    }
}
