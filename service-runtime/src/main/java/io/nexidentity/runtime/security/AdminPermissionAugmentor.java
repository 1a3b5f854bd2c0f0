package io.nexidentity.runtime.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
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
 * (the tenant's bootstrap credential: the first-day key acts as the owner).
 */
@ApplicationScoped
public class AdminPermissionAugmentor implements SecurityIdentityAugmentor {

    public static final String PERMISSIONS_CLAIM = "permissions";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        var granted = granted(token);
        if (granted.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .addPermissionsAsString(granted)
                        .build());
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
