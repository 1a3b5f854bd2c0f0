package io.nexidentity.token.grant;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.nexidentity.events.tenant.Directory.MembershipContext;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.AdminRole;
import io.nexidentity.token.device.DeviceAuthorizationEndpoint;
import io.nexidentity.token.oauth.OAuthError;

/**
 * What a member signing in through the tenant's admin client may do at the admin APIs: the permissions of the roles
 * of one membership, the one of the person's memberships in the tenant that grants the most, named in the token with
 * its {@code perm_ver}: the admin APIs refuse the token once that membership changed. Read from the directory at
 * every issuance and refresh.
 */
record AdminAccess(Set<String> permissions, MembershipContext membership) {

    static AdminAccess of(UserContext user, String grantType) {
        Optional<MembershipContext> strongest = user.memberships().stream()
                .max(Comparator.comparingInt(
                        membership -> permissionsOf(membership).size()));
        var permissions = strongest.map(AdminAccess::permissionsOf).orElse(Set.of());
        if (permissions.isEmpty()) {
            var description = "The user holds no admin role in this tenant.";
            // RFC 8628 names access_denied for the device grant; elsewhere the grant is simply no longer good
            throw DeviceAuthorizationEndpoint.GRANT_TYPE.equals(grantType)
                    ? new OAuthError("access_denied", description, 400, null)
                    : OAuthError.invalidGrant(description);
        }
        return new AdminAccess(permissions, strongest.get());
    }

    /** Whether one of the person's memberships holds an admin role. */
    static boolean holdsAny(UserContext user) {
        return user.memberships().stream()
                .anyMatch(membership -> !permissionsOf(membership).isEmpty());
    }

    /** The claims of an admin access token: the tenant, the member and what it may do. */
    Map<String, Object> claims(UserContext user) {
        return Map.of(
                "tenant_id", user.tenantId().toString(),
                "user_id", user.userId().toString(),
                "organization_id", membership.organizationId().toString(),
                "membership_id", membership.membershipId().toString(),
                "perm_ver", membership.permVer(),
                "permissions", List.copyOf(permissions),
                // how the member authenticated (RFC 8176); a second factor would add to it
                "amr", List.of("pwd"));
    }

    /**
     * What the membership's roles grant, as the tenant-service resolved them (its own roles included); from the
     * built-in roles alone when a tenant-service of an earlier version answered.
     */
    private static Set<String> permissionsOf(MembershipContext membership) {
        var permissions = new TreeSet<String>();
        if (membership.adminPermissions() != null) {
            membership.adminPermissions().stream()
                    .filter(AdminPermission::known)
                    .forEach(permissions::add);
            return permissions;
        }
        membership
                .roles()
                .forEach(role -> AdminRole.of(role).ifPresent(known -> permissions.addAll(known.permissions())));
        return permissions;
    }
}
