package io.nexidentity.tenant.internal;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.events.tenant.Directory.MembershipContext;
import io.nexidentity.events.tenant.Directory.PasswordVerification;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.membership.MembershipService;
import io.nexidentity.tenant.password.PasswordService;
import io.nexidentity.tenant.role.RoleCatalog;
import io.nexidentity.tenant.user.User;
import io.nexidentity.tenant.user.User.UserStatus;
import io.nexidentity.tenant.user.UserService;

/** What the token-service asks about users: does this password match, and in which organizations with which roles. */
@ApplicationScoped
public class DirectoryService {

    private final UserService users;
    private final MembershipService memberships;
    private final PasswordService passwords;
    private final RoleCatalog roles;

    DirectoryService(UserService users, MembershipService memberships, PasswordService passwords, RoleCatalog roles) {
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.roles = roles;
    }

    /**
     * Verifies a sign-in. Unknown users cost the same hashing time as known ones, so timing does not reveal which
     * emails exist.
     */
    public Uni<PasswordVerification> verifyPassword(UUID tenantId, String email, String password) {
        return users.findByEmail(tenantId, email)
                .flatMap(user -> passwords
                        .verify(password, user == null ? null : user.passwordHash)
                        .flatMap(matches -> {
                            if (user == null) {
                                return Uni.createFrom().item(PasswordVerification.refused("unknown_user"));
                            }
                            if (user.passwordHash == null) {
                                return Uni.createFrom().item(PasswordVerification.refused("no_password", user.id));
                            }
                            if (!matches) {
                                return Uni.createFrom().item(PasswordVerification.refused("wrong_password", user.id));
                            }
                            if (user.status == UserStatus.DISABLED) {
                                return Uni.createFrom().item(PasswordVerification.refused("user_disabled", user.id));
                            }
                            return context(user).map(PasswordVerification::verified);
                        }));
    }

    public Uni<UserContext> userContext(UUID tenantId, UUID userId) {
        return users.find(tenantId, userId).flatMap(user -> {
            if (user == null) {
                throw ProblemException.notFound("User", userId.toString());
            }
            return context(user);
        });
    }

    private Uni<UserContext> context(User user) {
        return memberships
                .ofUser(user.id)
                .flatMap(all -> roles.grants(
                                user.tenantId,
                                all.stream()
                                        .flatMap(membership -> membership.roles.stream())
                                        .collect(Collectors.toSet()))
                        .map(grants -> new UserContext(
                                user.id,
                                user.tenantId,
                                user.email,
                                user.name,
                                user.status.name().toLowerCase(Locale.ROOT),
                                all.stream()
                                        .map(membership -> new MembershipContext(
                                                membership.id,
                                                membership.organizationId,
                                                membership.roles,
                                                membership.permissions,
                                                membership.permVer,
                                                membership.roles.stream()
                                                        .flatMap(role -> grants.getOrDefault(role, Set.of()).stream())
                                                        .distinct()
                                                        .sorted()
                                                        .toList()))
                                        .toList())));
    }
}
