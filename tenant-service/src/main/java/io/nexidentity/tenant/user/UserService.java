package io.nexidentity.tenant.user;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.UserChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.persistence.UniqueViolation;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.TenantGuard;
import io.nexidentity.tenant.membership.MembershipService;
import io.nexidentity.tenant.recovery.PasswordRecoveryRepository;
import io.nexidentity.tenant.user.User.UserStatus;

@ApplicationScoped
public class UserService {

    static final String RESOURCE = "user";
    private static final String EMAIL_UNIQUE = "tenant_user_email_key";

    private final UserRepository users;
    private final MembershipService memberships;
    private final TenantGuard guard;
    private final OutboxWriter outbox;
    private final PasswordRecoveryRepository recoveries;
    private final Clock clock;

    UserService(
            UserRepository users,
            MembershipService memberships,
            TenantGuard guard,
            OutboxWriter outbox,
            PasswordRecoveryRepository recoveries,
            Clock clock) {
        this.recoveries = recoveries;
        this.users = users;
        this.memberships = memberships;
        this.guard = guard;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Creates a user in the caller's transaction: active with a password, invited without one. A taken email is a
     * 409 problem.
     */
    public Uni<User> create(UUID tenantId, String email, String name, String passwordHash) {
        var now = clock.instant();
        var user = new User();
        user.id = Ids.newId();
        user.tenantId = tenantId;
        user.setEmail(email.strip());
        user.name = name;
        user.passwordHash = passwordHash;
        user.passwordChangedAt = passwordHash == null ? null : now;
        user.status = passwordHash == null ? UserStatus.INVITED : UserStatus.ACTIVE;
        user.createdAt = now;
        user.updatedAt = now;
        return users.persist(user)
                .call(UserService::flushUnique)
                .flatMap(saved -> publish(TenantEvents.USER_CREATED, user))
                .replaceWith(user);
    }

    @WithTransaction
    public Uni<UserView> createInTenant(UUID tenantId, String email, String name, String passwordHash) {
        return create(tenantId, email, name, passwordHash).map(UserView::of);
    }

    @WithSession
    public Uni<Page<UserView>> list(UUID tenantId, UUID after, int limit) {
        return users.listPage(tenantId, after, limit + 1)
                .map(rows -> Page.of(rows, limit, user -> user.id, UserView::of));
    }

    @WithSession
    public Uni<UserView> get(UUID id) {
        return owned(id, "read").map(UserView::of);
    }

    @WithTransaction
    public Uni<UserView> update(UUID id, String email, String name) {
        return change(id, "update", user -> {
            var emailChanged = email != null && !email.strip().equals(user.email);
            var changed = emailChanged;
            if (emailChanged) {
                user.setEmail(email.strip());
            }
            if (name != null && !name.equals(user.name)) {
                user.name = name;
                changed = true;
            }
            if (!changed) {
                return Uni.createFrom().item(user);
            }
            return (emailChanged ? retireRecoveryLinks(user) : Uni.createFrom().item(user))
                    .flatMap(u -> touchAndPublish(TenantEvents.USER_UPDATED, u))
                    .call(UserService::flushUnique);
        });
    }

    @WithTransaction
    public Uni<UserView> setPassword(UUID id, String passwordHash) {
        return change(id, "set_password", user -> {
            user.passwordHash = passwordHash;
            user.passwordChangedAt = clock.instant();
            if (user.status == UserStatus.INVITED) {
                user.status = UserStatus.ACTIVE;
            }
            return retireRecoveryLinks(user).flatMap(u -> touchAndPublish(TenantEvents.USER_PASSWORD_CHANGED, u));
        });
    }

    /** The user's row, locked until the transaction ends. */
    public Uni<User> lock(UUID id) {
        return users.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Recovery links already mailed stop working when what they were sent for changes: the email (a mailbox the user
     * no longer controls), the password (set by an admin), the status (disabled).
     */
    private Uni<User> retireRecoveryLinks(User user) {
        return recoveries.retireOpen(user.id, clock.instant()).replaceWith(user);
    }

    /**
     * Replaces an active user's password through a recovery link (no admin involved), in the caller's transaction; a
     * user disabled since the link was sent is refused.
     */
    public Uni<User> resetPassword(UUID tenantId, UUID userId, String passwordHash) {
        return users.findById(userId, LockModeType.PESSIMISTIC_WRITE).flatMap(user -> {
            if (user == null || !user.tenantId.equals(tenantId) || user.status != UserStatus.ACTIVE) {
                throw ProblemException.conflict("user-not-active", "The account cannot be recovered.");
            }
            user.passwordHash = passwordHash;
            user.passwordChangedAt = clock.instant();
            return touchAndPublish(TenantEvents.USER_PASSWORD_CHANGED, user);
        });
    }

    @WithTransaction
    public Uni<UserView> disable(UUID id) {
        return change(id, "disable", user -> {
            if (user.status == UserStatus.DISABLED) {
                throw ProblemException.conflict("user-disabled", "The user is already disabled.");
            }
            user.status = UserStatus.DISABLED;
            return memberships
                    .ownerIn(user.id)
                    .flatMap(owner -> owner
                            ? memberships.keepAnOwnerBesides(user.tenantId, user.id)
                            : Uni.createFrom().voidItem())
                    .flatMap(kept -> retireRecoveryLinks(user))
                    .flatMap(u -> touchAndPublish(TenantEvents.USER_DISABLED, u));
        });
    }

    @WithTransaction
    public Uni<UserView> enable(UUID id) {
        return change(id, "enable", user -> {
            if (user.status != UserStatus.DISABLED) {
                throw ProblemException.conflict("user-not-disabled", "The user is not disabled.");
            }
            user.status = user.passwordHash == null ? UserStatus.INVITED : UserStatus.ACTIVE;
            return touchAndPublish(TenantEvents.USER_ENABLED, user);
        });
    }

    /** Deletes the user and its memberships; each removal is an event. */
    @WithTransaction
    public Uni<UserView> delete(UUID id) {
        return change(
                id,
                "delete",
                user -> memberships
                        .removeAllOf(user.id)
                        .flatMap(removed -> publish(TenantEvents.USER_DELETED, user))
                        .flatMap(published -> users.delete(user))
                        .replaceWith(user));
    }

    /** The user, if it is in the caller's tenant; a 404 problem otherwise. */
    public Uni<User> owned(UUID id, String operation) {
        return users.findById(id).flatMap(user -> guard.requireOwned(RESOURCE, id, user, u -> u.tenantId, operation));
    }

    @WithSession
    public Uni<User> findByEmail(UUID tenantId, String email) {
        return users.findByEmail(tenantId, email);
    }

    @WithSession
    public Uni<User> find(UUID tenantId, UUID userId) {
        return users.findById(userId).map(user -> user != null && user.tenantId.equals(tenantId) ? user : null);
    }

    private Uni<UserView> change(UUID id, String operation, Function<User, Uni<User>> action) {
        return users.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(user -> guard.requireOwned(RESOURCE, id, user, u -> u.tenantId, operation))
                .call(user -> memberships.guardAccount(user.tenantId, user.id))
                .flatMap(action::apply)
                .map(UserView::of);
    }

    private Uni<User> touchAndPublish(EventType<UserChanged> type, User user) {
        user.updatedAt = clock.instant();
        return publish(type, user).replaceWith(user);
    }

    private Uni<?> publish(EventType<UserChanged> type, User user) {
        return outbox.append(
                type,
                user.id.toString(),
                user.tenantId.toString(),
                new UserChanged(
                        user.id.toString(),
                        user.email,
                        user.name,
                        user.status.name().toLowerCase(Locale.ROOT)));
    }

    /** Flushes now so that a duplicate email fails here, as a 409, rather than at commit. */
    private static Uni<Void> flushUnique(Object ignored) {
        return Panache.getSession()
                .flatMap(session -> session.flush())
                .onFailure(failure -> UniqueViolation.of(failure, EMAIL_UNIQUE))
                .transform(failure -> ProblemException.conflict(
                        "email-taken", "A user with this email already exists in the tenant."));
    }
}
