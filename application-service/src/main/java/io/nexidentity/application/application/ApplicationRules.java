package io.nexidentity.application.application;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.nexidentity.application.application.ApplicationRequests.ApiScopeRequest;
import io.nexidentity.application.application.ApplicationRequests.ExternalConsumptionRequest;
import io.nexidentity.events.application.ApplicationEvents.ApiScope;
import io.nexidentity.events.application.ApplicationEvents.ExternalConsumption;
import io.nexidentity.runtime.problem.ProblemException;

/** Rules of application data beyond field syntax: keys, reserved scope names, consumption policies. */
final class ApplicationRules {

    /** Scopes the platform defines itself; an application cannot claim them as API scopes. */
    static final Set<String> RESERVED_SCOPES =
            Set.of("openid", "profile", "email", "address", "phone", "offline_access", "tenant_context");

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApplicationRules() {}

    /** A new application key: {@code app_} and 24 random base32 characters (120 bits). */
    static String newKey() {
        var key = new StringBuilder("app_");
        for (int i = 0; i < 24; i++) {
            key.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return key.toString();
    }

    static List<ApiScope> apiScopes(List<ApiScopeRequest> requested) {
        if (requested == null) {
            return List.of();
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < requested.size(); i++) {
            var name = requested.get(i).name();
            var field = "api_scopes[" + i + "].name";
            if (RESERVED_SCOPES.contains(name) || name.startsWith("nexidentity.")) {
                throw ProblemException.invalidField(field, "'" + name + "' is reserved by the platform");
            }
            if (!seen.add(name)) {
                throw ProblemException.invalidField(field, "'" + name + "' is listed twice");
            }
        }
        return requested.stream()
                .map(scope -> new ApiScope(scope.name(), scope.description()))
                .toList();
    }

    static ExternalConsumption consumption(ExternalConsumptionRequest requested) {
        if (requested == null) {
            return new ExternalConsumption("organization", List.of(), List.of());
        }
        var tenants = requested.allowedTenants() == null ? List.<UUID>of() : requested.allowedTenants();
        var organizations =
                requested.allowedOrganizations() == null ? List.<UUID>of() : requested.allowedOrganizations();
        var allowlist = "allowlist".equals(requested.mode());
        if (allowlist && tenants.isEmpty() && organizations.isEmpty()) {
            throw ProblemException.invalidField(
                    "external_consumption", "allowlist needs at least one allowed tenant or organization");
        }
        if (!allowlist && (!tenants.isEmpty() || !organizations.isEmpty())) {
            throw ProblemException.invalidField(
                    "external_consumption", "allowed tenants and organizations apply to the allowlist mode only");
        }
        return new ExternalConsumption(
                requested.mode(),
                List.copyOf(new LinkedHashSet<>(tenants)),
                List.copyOf(new LinkedHashSet<>(organizations)));
    }
}
