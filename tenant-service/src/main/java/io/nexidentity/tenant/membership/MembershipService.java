package io.nexidentity.tenant.membership;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.MembershipChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.persistence.UniqueViolation;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.AdminRole;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.runtime.security.TenantGuard;
import io.nexidentity.tenant.organization.OrganizationService;
import io.nexidentity.tenant.role.RoleCatalog;
import io.nexidentity.tenant.user.UserService;

/**
 * Users' memberships in organizations. Any change of roles or permissions increments {@code perm_ver} by one; a change
 * that changes nothing leaves it alone.
 */
@ApplicationScoped
public class MembershipService {

    static final String RESOURCE = "membership";
    static final String OWNER = AdminRole.OWNER.wireName();
    private static final String ONE_PER_USER = "membership_organization_user_key";

    private final MembershipRepository memberships;
    private final OrganizationService organizations;
    private final UserService users;
    private final RoleCatalog roleCatalog;
    private final TenantGuard guard;
    private final Caller caller;
    private final OutboxWriter outbox;
    private final Clock clock;

    MembershipService(
            MembershipRepository memberships,
            OrganizationService organizations,
            UserService users,
            RoleCatalog roles,
            TenantGuard guard,
            Caller caller,
            OutboxWriter outbox,
            Clock clock) {
        this.memberships = memberships;
        this.organizations = organizations;
        this.users = users;
        this.roleCatalog = roles;
        this.guard = guard;
        this.caller = caller;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Creates a membership in the caller's transaction; a second membership of a user in one organization is 409. */
    public Uni<Membership> create(
            UUID tenantId, UUID organizationId, UUID userId, Collection<String> roles, Collection<String> permissions) {
        var now = clock.instant();
        var membership = new Membership();
        membership.id = Ids.newId();
        membership.tenantId = tenantId;
        membership.organizationId = organizationId;
        membership.userId = userId;
        membership.roles = normalized(roles);
        membership.permissions = normalized(permissions);
        membership.permVer = 1;
        membership.createdAt = now;
        membership.updatedAt = now;
        return memberships
                .persist(membership)
                .call(saved -> Panache.getSession().flatMap(session -> session.flush()))
                .onFailure(failure -> UniqueViolation.of(failure, ONE_PER_USER))
                .transform(failure -> ProblemException.conflict(
                        "already-member", "The user is already a member of this organization."))
                .flatMap(saved -> publish(TenantEvents.MEMBERSHIP_CREATED, membership))
                .replaceWith(membership);
    }

    @WithTransaction
    public Uni<MembershipView> add(
            UUID tenantId, UUID organizationId, UUID userId, Collection<String> roles, Collection<String> permissions) {
        return organizations
                .owned(organizationId, "add_member")
                .flatMap(organization -> users.owned(userId, "add_to_organization"))
                .call(user -> roles.contains(OWNER)
                        ? requireOwnersWrite()
                        : Uni.createFrom().voidItem())
                .call(user -> roleCatalog
                        .requireDefined(tenantId, roles)
                        .flatMap(grants -> grantable(grants, List.of(), roles)))
                .flatMap(user -> create(tenantId, organizationId, userId, roles, permissions))
                .map(MembershipView::of);
    }

    @WithSession
    public Uni<Page<MembershipView>> list(UUID organizationId, UUID after, int limit) {
        return organizations
                .owned(organizationId, "list_members")
                .flatMap(organization -> memberships.listPage(organizationId, after, limit + 1))
                .map(rows -> Page.of(rows, limit, membership -> membership.id, MembershipView::of));
    }

    @WithSession
    public Uni<MembershipView> get(UUID id) {
        return memberships
                .findById(id)
                .flatMap(membership -> guard.requireOwned(RESOURCE, id, membership, m -> m.tenantId, "read"))
                .map(MembershipView::of);
    }

    /** Replaces roles and/or permissions (null leaves one as it is); a real change increments perm_ver. */
    @WithTransaction
    public Uni<MembershipView> change(UUID id, Collection<String> roles, Collection<String> permissions) {
        // the roles before the membership: a role's redefinition locks them in that order too
        Uni<Map<String, Set<String>>> defined = roles == null
                ? Uni.createFrom().item(Map.of())
                : roleCatalog.requireDefined(caller.tenantId(), normalized(roles));
        return defined.flatMap(grants -> memberships
                        .findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(membership -> guard.requireOwned(RESOURCE, id, membership, m -> m.tenantId, "change"))
                        .map(membership -> new Locked(membership, grants)))
                .flatMap(locked -> {
                    var membership = locked.membership();
                    var newRoles = roles == null ? membership.roles : normalized(roles);
                    var newPermissions = permissions == null ? membership.permissions : normalized(permissions);
                    if (newRoles.equals(membership.roles) && newPermissions.equals(membership.permissions)) {
                        return Uni.createFrom().item(membership);
                    }
                    var wasOwner = membership.roles.contains(OWNER);
                    Uni<Void> allowed = wasOwner == newRoles.contains(OWNER)
                            ? Uni.createFrom().voidItem()
                            : requireOwnersWrite();
                    return allowed.call(() -> grantable(locked.grants(), membership.roles, newRoles))
                            .call(() -> holdsAll(
                                    membership.tenantId,
                                    membership.roles.stream()
                                            .filter(role -> !newRoles.contains(role))
                                            .toList(),
                                    "A role is taken away only by whoever holds all it grants"))
                            .call(() -> wasOwner && !newRoles.contains(OWNER)
                                    ? keepAnOwner(membership)
                                    : Uni.createFrom().voidItem())
                            .flatMap(checked -> {
                                membership.roles = newRoles;
                                membership.permissions = newPermissions;
                                membership.permVer++;
                                membership.updatedAt = clock.instant();
                                return publish(TenantEvents.MEMBERSHIP_CHANGED, membership);
                            })
                            .replaceWith(membership);
                })
                .map(MembershipView::of);
    }

    @WithTransaction
    public Uni<Void> remove(UUID id) {
        return memberships
                .findById(id, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(membership -> guard.requireOwned(RESOURCE, id, membership, m -> m.tenantId, "remove"))
                .call(membership -> holdsAll(
                        membership.tenantId,
                        membership.roles,
                        "A membership is removed only by whoever holds all its roles grant"))
                .flatMap(this::delete);
    }

    /**
     * In the caller's transaction: refuses a change to a user's account (its email, its password, its status, or
     * deleting it) unless the caller holds every admin permission the user's roles grant, and owners:write for an
     * owner. Whoever may reset a stronger member's password could sign in as them.
     */
    public Uni<Void> guardAccount(UUID tenantId, UUID userId) {
        return memberships.lockByUser(userId).flatMap(all -> {
            var roles = all.stream()
                    .flatMap(membership -> membership.roles.stream())
                    .collect(Collectors.toSet());
            return (roles.contains(OWNER)
                            ? requireOwnersWrite()
                            : Uni.createFrom().voidItem())
                    .call(() -> holdsAll(
                            tenantId, roles, "Changing a member's account needs every permission the member holds"));
        });
    }

    /** Whether the user holds an owner membership; its memberships are locked for the caller's transaction. */
    public Uni<Boolean> ownerIn(UUID userId) {
        return memberships.lockByUser(userId).map(all -> all.stream().anyMatch(m -> m.roles.contains(OWNER)));
    }

    /** Removes every membership of a user, in the caller's transaction. */
    public Uni<Integer> removeAllOf(UUID userId) {
        return memberships
                .lockByUser(userId)
                .flatMap(all -> Multi.createFrom()
                        .iterable(all)
                        .onItem()
                        .transformToUniAndConcatenate(this::delete)
                        .collect()
                        .asList()
                        .map(List::size));
    }

    @WithSession
    public Uni<List<Membership>> ofUser(UUID userId) {
        return memberships.findByUser(userId);
    }

    private Uni<Void> delete(Membership membership) {
        Uni<Void> allowed = membership.roles.contains(OWNER)
                ? requireOwnersWrite().call(() -> keepAnOwner(membership))
                : Uni.createFrom().voidItem();
        return allowed.flatMap(checked -> publish(TenantEvents.MEMBERSHIP_REMOVED, membership))
                .flatMap(published -> memberships.delete(membership))
                .call(() -> Panache.getSession().flatMap(session -> session.flush()));
    }

    /**
     * In the caller's transaction: a role's permissions changed, so every membership holding it counts anew (a new
     * {@code perm_ver} and an event each: tokens issued before hold nothing any more).
     */
    public Uni<Integer> roleChanged(UUID tenantId, String role) {
        return memberships
                .lockHolding(tenantId, role)
                .flatMap(holders -> Multi.createFrom()
                        .iterable(holders)
                        .onItem()
                        .transformToUniAndConcatenate(membership -> {
                            membership.permVer++;
                            membership.updatedAt = clock.instant();
                            return publish(TenantEvents.MEMBERSHIP_CHANGED, membership);
                        })
                        .collect()
                        .asList()
                        .map(List::size));
    }

    public Uni<Long> countHolding(UUID tenantId, String role) {
        return memberships.countHolding(tenantId, role);
    }

    /**
     * Whoever gives roles ({@code after} but not {@code before}, each already found to be the tenant's) holds every
     * permission they grant: nobody makes a member, or themselves, more than they are.
     */
    private Uni<Void> grantable(Map<String, Set<String>> grants, Collection<String> before, Collection<String> after) {
        var granted = new TreeSet<String>();
        after.stream().filter(role -> !before.contains(role)).forEach(role -> granted.addAll(grants.get(role)));
        return caller.requireAll(granted, "A role is given only by whoever holds all it grants");
    }

    /** A membership locked for a change, and what the roles it is to hold grant. */
    private record Locked(Membership membership, Map<String, Set<String>> grants) {}

    /** Fails with 403 unless the caller holds every permission {@code roles} grant. */
    private Uni<Void> holdsAll(UUID tenantId, Collection<String> roles, String why) {
        if (roles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return roleCatalog.grants(tenantId, roles).flatMap(grants -> {
            var granted = new TreeSet<String>();
            grants.values().forEach(granted::addAll);
            return caller.requireAll(granted, why);
        });
    }

    private Uni<Void> requireOwnersWrite() {
        return caller.require(AdminPermission.OWNERS_WRITE, "Only an owner makes, changes or removes owners");
    }

    /**
     * Refuses to let {@code leaving} (an owner's membership, losing the role or going) take the tenant's last owner.
     * The tenant's row is locked first, so two owners demoting each other at once cannot both succeed.
     */
    private Uni<Void> keepAnOwner(Membership leaving) {
        return keepAnOwner(leaving.tenantId, "m.id <> ?2", leaving.id);
    }

    /** Refuses to disable the tenant's last owner who can sign in: the owners of other active users must remain. */
    public Uni<Void> keepAnOwnerBesides(UUID tenantId, UUID userId) {
        return keepAnOwner(tenantId, "m.user_id <> ?2", userId);
    }

    /** Counts, under the tenant's lock, the owner memberships of active users but the one {@code leaving} names. */
    private Uni<Void> keepAnOwner(UUID tenantId, String leaving, UUID leavingId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select id from tenant where id = ?1 for update")
                        .setParameter(1, tenantId)
                        .getSingleResult()
                        .flatMap(locked -> session.createNativeQuery(
                                        "select count(*) from membership m join tenant_user u on u.id = m.user_id"
                                                + " where m.tenant_id = ?1 and " + leaving
                                                + " and 'owner' = any(m.roles) and u.status = 'ACTIVE'",
                                        Long.class)
                                .setParameter(1, tenantId)
                                .setParameter(2, leavingId)
                                .getSingleResult()))
                .invoke(otherOwners -> {
                    if (otherOwners == 0) {
                        throw ProblemException.conflict(
                                "last-owner", "This is the tenant's last owner: make another member an owner first.");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<?> publish(EventType<MembershipChanged> type, Membership membership) {
        return outbox.append(type, membership.id.toString(), membership.tenantId.toString(), snapshot(membership));
    }

    /** A membership as events carry it, for the internal API (other services' projections read through). */
    @WithSession
    public Uni<MembershipChanged> snapshot(UUID id) {
        return memberships.findById(id).map(membership -> {
            if (membership == null) {
                throw ProblemException.notFound("Membership", id.toString());
            }
            return snapshot(membership);
        });
    }

    private static MembershipChanged snapshot(Membership membership) {
        return new MembershipChanged(
                membership.id.toString(),
                membership.organizationId.toString(),
                membership.userId.toString(),
                membership.roles,
                membership.permissions,
                membership.permVer);
    }

    private static List<String> normalized(Collection<String> values) {
        return values.stream().distinct().sorted().toList();
    }
}
