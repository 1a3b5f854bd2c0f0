package io.nexidentity.tenant.role;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.AdminRole;

/** What roles grant: the built-in roles' permissions, and those of the roles each tenant defined. */
@ApplicationScoped
public class RoleCatalog {

    private final CustomRoleRepository roles;

    RoleCatalog(CustomRoleRepository roles) {
        this.roles = roles;
    }

    /** The admin permissions of each of {@code names} the tenant knows (built-in or its own); others grant nothing. */
    @WithSession
    public Uni<Map<String, Set<String>>> grants(UUID tenantId, Collection<String> names) {
        var custom = names.stream().filter(name -> AdminRole.of(name).isEmpty()).toList();
        Uni<List<CustomRole>> defined =
                custom.isEmpty() ? Uni.createFrom().item(List.of()) : roles.named(tenantId, custom);
        return defined.map(found -> {
            var grants = new HashMap<String, Set<String>>();
            names.forEach(name -> AdminRole.of(name).ifPresent(role -> grants.put(name, role.permissions())));
            found.forEach(role -> grants.put(role.name, known(role.permissions)));
            return grants;
        });
    }

    /**
     * In the caller's transaction: the permissions each of {@code names} grants, each of them a role the tenant has
     * (400 otherwise). The tenant's roles named are locked against change and deletion until the transaction ends.
     */
    public Uni<Map<String, Set<String>>> requireDefined(UUID tenantId, Collection<String> names) {
        var custom = names.stream().filter(name -> AdminRole.of(name).isEmpty()).toList();
        Uni<List<CustomRole>> defined =
                custom.isEmpty() ? Uni.createFrom().item(List.of()) : roles.lockShared(tenantId, custom);
        return defined.map(found -> {
            var grants = new HashMap<String, Set<String>>();
            for (var name : names) {
                var permissions = AdminRole.of(name)
                        .map(AdminRole::permissions)
                        .or(() -> found.stream()
                                .filter(candidate -> candidate.name.equals(name))
                                .findFirst()
                                .map(candidate -> known(candidate.permissions)))
                        .orElseThrow(() -> ProblemException.invalidField(
                                "roles", name + " is not a role of this tenant (GET /v1/roles lists them)"));
                grants.put(name, permissions);
            }
            return grants;
        });
    }

    private static Set<String> known(Collection<String> permissions) {
        var known = new TreeSet<String>();
        permissions.stream().filter(AdminPermission::known).forEach(known::add);
        return known;
    }
}
