package io.nexidentity.tenant.role;

import java.time.Instant;
import java.util.List;

import io.nexidentity.runtime.security.AdminRole;

/** A role as the API shows it: built-in ones have no description and no dates. */
public record RoleView(
        String name,
        boolean builtIn,
        String description,
        List<String> permissions,
        Instant createdAt,
        Instant updatedAt) {

    static RoleView of(AdminRole role) {
        return new RoleView(
                role.wireName(),
                true,
                null,
                role.permissions().stream().sorted().toList(),
                null,
                null);
    }

    static RoleView of(CustomRole role) {
        return new RoleView(role.name, false, role.description, role.permissions, role.createdAt, role.updatedAt);
    }
}
