package io.nexidentity.runtime.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The permissions of the admin APIs, {@code resource:action}: the one list every service enforces
 * ({@code @PermissionsAllowed} on each admin endpoint) and roles are made of. docs/api.md has the table of endpoint
 * to permission; each service's tests check it against the annotations.
 */
public final class AdminPermission {

    public static final String TENANT_READ = "tenant:read";
    public static final String TENANT_WRITE = "tenant:write";
    public static final String PLAN_WRITE = "plan:write";
    public static final String CREDENTIALS_WRITE = "credentials:write";
    public static final String USERS_READ = "users:read";
    public static final String USERS_WRITE = "users:write";
    public static final String ORGANIZATIONS_READ = "organizations:read";
    public static final String ORGANIZATIONS_WRITE = "organizations:write";
    public static final String MEMBERS_READ = "members:read";
    public static final String MEMBERS_WRITE = "members:write";
    public static final String OWNERS_WRITE = "owners:write";
    public static final String APPLICATIONS_READ = "applications:read";
    public static final String APPLICATIONS_WRITE = "applications:write";
    public static final String MANIFESTS_READ = "manifests:read";
    public static final String MANIFESTS_WRITE = "manifests:write";
    public static final String CLIENTS_READ = "clients:read";
    public static final String CLIENTS_WRITE = "clients:write";
    public static final String WEBHOOKS_READ = "webhooks:read";
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    public static final String WEBHOOKS_REPLAY = "webhooks:replay";
    public static final String AUDIT_READ = "audit:read";
    public static final String AUDIT_EXPORT = "audit:export";

    /** Every permission with what it allows, in the order docs/api.md lists them. */
    public static final Map<String, String> ALL = catalogue();

    private AdminPermission() {}

    public static boolean known(String permission) {
        return ALL.containsKey(permission);
    }

    /** The permissions that only read. */
    public static Set<String> reading() {
        return Set.copyOf(ALL.keySet().stream()
                .filter(permission -> permission.endsWith(":read"))
                .toList());
    }

    private static Map<String, String> catalogue() {
        var all = new LinkedHashMap<String, String>();
        all.put(TENANT_READ, "the tenant, its branding, signing algorithm, custom domains and usage");
        all.put(
                TENANT_WRITE,
                "rename the tenant; set branding and signing algorithm; claim, verify and remove domains");
        all.put(PLAN_WRITE, "change the plan, revoke the licence");
        all.put(CREDENTIALS_WRITE, "rotate or revoke the bootstrap credential");
        all.put(USERS_READ, "list and read users");
        all.put(USERS_WRITE, "create, change, disable, enable and delete users; set passwords");
        all.put(ORGANIZATIONS_READ, "list and read organizations");
        all.put(ORGANIZATIONS_WRITE, "create, rename, suspend and reactivate organizations");
        all.put(MEMBERS_READ, "list and read memberships");
        all.put(MEMBERS_WRITE, "add, change and remove memberships (other than owners')");
        all.put(OWNERS_WRITE, "make, change and remove owners");
        all.put(APPLICATIONS_READ, "list and read applications");
        all.put(APPLICATIONS_WRITE, "create, change, suspend, reactivate and archive applications");
        all.put(MANIFESTS_READ, "read the manifest settings");
        all.put(MANIFESTS_WRITE, "change the manifest settings");
        all.put(CLIENTS_READ, "list and read clients and their secrets' metadata");
        all.put(CLIENTS_WRITE, "create, change, disable, enable and delete clients; rotate and revoke secrets");
        all.put(WEBHOOKS_READ, "list and read webhook endpoints and their delivery history");
        all.put(WEBHOOKS_WRITE, "create, change and delete webhook endpoints; rotate their secrets");
        all.put(WEBHOOKS_REPLAY, "replay webhook deliveries");
        all.put(AUDIT_READ, "query the audit trail and verify its chain");
        all.put(AUDIT_EXPORT, "export the audit trail");
        return Collections.unmodifiableMap(all);
    }
}
