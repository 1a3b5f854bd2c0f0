package io.nexidentity.runtime.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives the caller of an admin API the {@link AdminPermission}s its access token carries: the {@code permissions}
 * claim where there is one (only permissions of the catalogue count), else all of them for a token with the admin scope
 * (the tenant's bootstrap credential: the first-day key acts as the owner). A person's token (it names its {@code
 * membership_id} and {@code perm_ver}) holds nothing once the membership changed or is gone, whatever it says: a role
 * change counts within seconds (the time its event takes to reach this service), not at the token's expiry.
 */
@ApplicationScoped
public class AdminPermissionAugmentor implements SecurityIdentityAugmentor {

    public static final String PERMISSIONS_CLAIM = "permissions";

    private final Instance<MembershipVersions> versions;

    AdminPermissionAugmentor(Instance<MembershipVersions> versions) {
        this.versions = versions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        var granted = granted(token);
        if (granted.isEmpty()) {
            return Uni.createFrom().item(only(identity, Set.of()));
        }
        return current(token).map(current -> only(identity, current ? granted : Set.of()));
    }

    /**
     * The identity holding {@code permissions} and nothing else. quarkus-oidc makes a permission of every scope a token
     * carries, and an application's API scopes are names its tenant chose: they must never count as admin permissions.
     */
    private static SecurityIdentity only(SecurityIdentity identity, Set<String> permissions) {
        var builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addRoles(identity.getRoles())
                .addAttributes(identity.getAttributes())
                .setAnonymous(false);
        if (!permissions.isEmpty()) {
            builder.addPermissionsAsString(permissions);
        }
        return builder.build();
    }

    /** Whether the membership a person's token names is still as it was when the token was issued. */
    private Uni<Boolean> current(JsonWebToken token) {
        Object membership = token.getClaim("membership_id");
        Object permVer = token.getClaim("perm_ver");
        if (membership == null || permVer == null || !token.containsClaim(PERMISSIONS_CLAIM)) {
            return Uni.createFrom().item(true);
        }
        UUID membershipId;
        try {
            membershipId = UUID.fromString(text(membership));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(false);
        }
        if (!versions.isResolvable()) {
            return Uni.createFrom().item(false);
        }
        var issuedAt = text(permVer);
        return versions.get()
                .current(membershipId)
                .map(now -> now.isPresent() && String.valueOf(now.get()).equals(issuedAt));
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        if (claim instanceof JsonNumber number) {
            return number.toString();
        }
        return String.valueOf(claim);
    }

    static Set<String> granted(JsonWebToken token) {
        if (token.containsClaim(PERMISSIONS_CLAIM)) {
            var granted = new HashSet<String>();
            if (token.getClaim(PERMISSIONS_CLAIM) instanceof Collection<?> permissions) {
                for (var permission : permissions) {
                    var name = permission instanceof JsonString json ? json.getString() : null;
                    if (name != null && AdminPermission.known(name)) {
                        granted.add(name);
                    }
                }
            }
            return granted;
        }
        String scope = token.getClaim("scope");
        if (scope != null && Arrays.asList(scope.split(" ")).contains(Caller.ADMIN_SCOPE)) {
            return AdminPermission.ALL.keySet();
        }
        return Set.of();
    }
}
