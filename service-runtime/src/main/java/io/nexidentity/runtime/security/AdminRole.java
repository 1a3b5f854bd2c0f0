package io.nexidentity.runtime.security;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The built-in roles of a membership, each a set of {@link AdminPermission}s. */
public enum AdminRole {
    /** Everything, the plan and the owners included. */
    OWNER(Set.copyOf(AdminPermission.ALL.keySet())),
    /**
     * Everything but the plan, the owners and the bootstrap credential (a fresh one would hold everything: an owner's
     * key).
     */
    ADMIN(except(AdminPermission.PLAN_WRITE, AdminPermission.OWNERS_WRITE, AdminPermission.CREDENTIALS_WRITE)),
    /** Applications, clients, manifests and webhooks. */
    DEVELOPER(Set.of(
            AdminPermission.TENANT_READ,
            AdminPermission.APPLICATIONS_READ,
            AdminPermission.APPLICATIONS_WRITE,
            AdminPermission.MANIFESTS_READ,
            AdminPermission.MANIFESTS_WRITE,
            AdminPermission.CLIENTS_READ,
            AdminPermission.CLIENTS_WRITE,
            AdminPermission.WEBHOOKS_READ,
            AdminPermission.WEBHOOKS_WRITE,
            AdminPermission.WEBHOOKS_REPLAY)),
    /** Reads everything, the audit export and the webhook history included; changes nothing. */
    AUDITOR(with(AdminPermission.reading(), AdminPermission.AUDIT_EXPORT)),
    /** No admin rights. */
    MEMBER(Set.of());

    private final Set<String> permissions;

    AdminRole(Set<String> permissions) {
        this.permissions = permissions;
    }

    public Set<String> permissions() {
        return permissions;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AdminRole> of(String wireName) {
        return Arrays.stream(values())
                .filter(role -> role.wireName().equals(wireName))
                .findFirst();
    }

    private static Set<String> except(String... left) {
        var permissions = new HashSet<>(AdminPermission.ALL.keySet());
        Arrays.asList(left).forEach(permissions::remove);
        return Set.copyOf(permissions);
    }

    private static Set<String> with(Set<String> permissions, String... more) {
        var all = new HashSet<>(permissions);
        all.addAll(Arrays.asList(more));
        return Set.copyOf(all);
    }
}
