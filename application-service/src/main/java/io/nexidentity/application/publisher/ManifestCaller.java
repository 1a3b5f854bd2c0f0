package io.nexidentity.application.publisher;

import java.util.Set;
import java.util.UUID;

/**
 * Who calls a manifest endpoint: a client authenticated with HTTP Basic (the compatibility path) or an access token
 * (the bearer path), with what it may do.
 */
public record ManifestCaller(
        String clientId,
        UUID tenantId,
        String path,
        Set<String> scopes,
        Set<String> audiences,
        UUID basicApplicationId,
        boolean manifestsReader) {

    public static final String PUBLISH_SCOPE = "nexidentity.runtime_manifest_publish";

    /** May publish manifests of the application with this key and tenant. */
    public boolean mayPublish(UUID applicationId, String applicationKey, UUID applicationTenant) {
        if ("basic".equals(path)) {
            return applicationId.equals(basicApplicationId);
        }
        return applicationTenant.equals(tenantId)
                && scopes.contains(PUBLISH_SCOPE)
                && audiences.contains(applicationKey);
    }

    /**
     * May read manifests: publishers, the tenant's admins holding {@code manifests:read}, and runtime callers holding
     * a token for the application.
     */
    public boolean mayRead(UUID applicationId, String applicationKey, UUID applicationTenant) {
        return mayPublish(applicationId, applicationKey, applicationTenant)
                || audiences.contains(applicationKey)
                || (applicationTenant.equals(tenantId) && manifestsReader);
    }
}
