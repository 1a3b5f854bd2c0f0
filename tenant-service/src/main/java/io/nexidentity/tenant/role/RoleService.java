package io.nexidentity.tenant.role;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.RoleChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.UniqueViolation;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.AdminRole;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.tenant.membership.MembershipService;

/**
 * The roles a tenant defines. Nobody defines a role granting what they do not hold themselves; a role whose permissions
 * change makes every membership holding it count anew (a new {@code perm_ver}: tokens issued before hold nothing);
 * a role some membership holds cannot be deleted.
 */
@ApplicationScoped
public class RoleService {

    static final int MOST_PER_TENANT = 50;
    private static final String ONE_NAME = "custom_role_tenant_name_key";

    private final CustomRoleRepository roles;
    private final MembershipService memberships;
    private final Caller caller;
    private final OutboxWriter outbox;
    private final Clock clock;

    RoleService(
            CustomRoleRepository roles,
            MembershipService memberships,
            Caller caller,
            OutboxWriter outbox,
            Clock clock) {
        this.roles = roles;
        this.memberships = memberships;
        this.caller = caller;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The built-in roles, then the tenant's own by name. */
    @WithSession
    public Uni<List<RoleView>> list() {
        return roles.ofTenant(caller.tenantId()).map(custom -> {
            var all = new ArrayList<RoleView>();
            for (var role : AdminRole.values()) {
                all.add(RoleView.of(role));
            }
            custom.forEach(role -> all.add(RoleView.of(role)));
            return all;
        });
    }

    @WithSession
    public Uni<RoleView> get(String name) {
        var builtIn = AdminRole.of(name);
        if (builtIn.isPresent()) {
            return Uni.createFrom().item(RoleView.of(builtIn.get()));
        }
        return roles.named(caller.tenantId(), List.of(name))
                .map(found -> found.stream()
                        .findFirst()
                        .map(RoleView::of)
                        .orElseThrow(() -> ProblemException.notFound("Role", name)));
    }

    /** Creates the role or replaces its description and permissions. */
    @WithTransaction
    public Uni<RoleView> define(String name, String description, Collection<String> permissions) {
        if (AdminRole.of(name).isPresent()) {
            throw ProblemException.conflict("built-in-role", name + " is a built-in role: its permissions are fixed.");
        }
        for (var permission : permissions) {
            if (!AdminPermission.known(permission)) {
                throw ProblemException.invalidField(
                        "permissions", permission + " is not a permission (docs/api.md, Permissions)");
            }
        }
        var granted = permissions.stream().distinct().sorted().toList();
        var tenantId = caller.tenantId();
        return roles.lockDefinitions(tenantId)
                .flatMap(locked -> roles.lock(tenantId, name))
                .call(existing -> {
                    // what the role grants now and what it will grant: nobody takes away what they could not give
                    var touched = new TreeSet<>(granted);
                    if (existing != null) {
                        touched.addAll(existing.permissions);
                    }
                    return caller.requireAll(touched, "A role is defined only by whoever holds all it grants");
                })
                .flatMap(existing -> {
                    if (existing == null) {
                        return create(name, description, granted);
                    }
                    var changedPermissions = !existing.permissions.equals(granted);
                    if (!changedPermissions && Objects.equals(existing.description, description)) {
                        return Uni.createFrom().item(existing);
                    }
                    existing.permissions = granted;
                    existing.description = description;
                    existing.updatedAt = clock.instant();
                    return publish(TenantEvents.ROLE_DEFINED, existing)
                            .call(() -> changedPermissions
                                    ? memberships.roleChanged(tenantId, name)
                                    : Uni.createFrom().voidItem())
                            .replaceWith(existing);
                })
                .map(RoleView::of);
    }

    /** Deletes a role no membership holds (409 otherwise: give them another role first). */
    @WithTransaction
    public Uni<Void> delete(String name) {
        if (AdminRole.of(name).isPresent()) {
            throw ProblemException.conflict("built-in-role", name + " is a built-in role: it cannot be deleted.");
        }
        var tenantId = caller.tenantId();
        return roles.lock(tenantId, name)
                .flatMap(role -> {
                    if (role == null) {
                        throw ProblemException.notFound("Role", name);
                    }
                    return memberships.countHolding(tenantId, name).flatMap(holders -> {
                        if (holders > 0) {
                            throw ProblemException.conflict(
                                    "role-in-use",
                                    holders + " membership(s) hold the role " + name
                                            + ": give them another role first.");
                        }
                        return publish(TenantEvents.ROLE_DELETED, role).call(() -> roles.delete(role));
                    });
                })
                .replaceWithVoid();
    }

    private Uni<CustomRole> create(String name, String description, List<String> permissions) {
        var tenantId = caller.tenantId();
        return roles.countOf(tenantId).flatMap(count -> {
            if (count >= MOST_PER_TENANT) {
                throw ProblemException.conflict(
                        "too-many-roles", "A tenant defines at most " + MOST_PER_TENANT + " roles of its own.");
            }
            var now = clock.instant();
            var role = new CustomRole();
            role.id = Ids.newId();
            role.tenantId = tenantId;
            role.name = name;
            role.description = description;
            role.permissions = permissions;
            role.createdAt = now;
            role.updatedAt = now;
            return roles.persist(role)
                    .call(saved -> Panache.getSession().flatMap(session -> session.flush()))
                    .onFailure(failure -> UniqueViolation.of(failure, ONE_NAME))
                    .transform(failure -> ProblemException.conflict(
                            "role-exists", "The role " + name + " was defined at the same moment: try again."))
                    .call(saved -> publish(TenantEvents.ROLE_DEFINED, role));
        });
    }

    private Uni<?> publish(EventType<RoleChanged> type, CustomRole role) {
        return outbox.append(
                type,
                role.name,
                role.tenantId.toString(),
                new RoleChanged(role.id.toString(), role.name, role.permissions));
    }
}
