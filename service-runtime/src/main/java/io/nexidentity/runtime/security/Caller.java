package io.nexidentity.runtime.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;

/**
 * The authenticated caller of an admin API, read from its token-service access token. Every admin API acts only
 * inside {@link #tenantId()}.
 */
@RequestScoped
public class Caller {

    /** Scope that admin APIs require. */
    public static final String ADMIN_SCOPE = "nexidentity.admin";

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    Caller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** Whether the caller holds {@code permission} ({@link AdminPermission}); for rules finer than an endpoint's. */
    public Uni<Boolean> may(String permission) {
        // as @PermissionsAllowed reads "resource:action": the permission "resource" with the action "action"
        var colon = permission.indexOf(':');
        return identity.checkPermission(
                colon < 0
                        ? new StringPermission(permission)
                        : new StringPermission(permission.substring(0, colon), permission.substring(colon + 1)));
    }

    /** Fails with 403 unless the caller holds {@code permission}. */
    public Uni<Void> require(String permission, String why) {
        return may(permission)
                .invoke(granted -> {
                    if (!granted) {
                        throw new ProblemException(Problem.of(
                                "permission-missing", "Forbidden", 403, why + " (needs " + permission + ")."));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Fails with 403 unless the caller holds every one of {@code permissions}: nobody grants (to a service account, a
     * role or a membership) what it does not hold itself.
     */
    public Uni<Void> requireAll(Collection<String> permissions, String why) {
        return Multi.createFrom()
                .iterable(List.copyOf(permissions))
                .onItem()
                .transformToUniAndConcatenate(permission -> require(permission, why))
                .collect()
                .last()
                .replaceWithVoid();
    }

    public UUID tenantId() {
        String tenant = token.getClaim("tenant_id");
        if (tenant == null) {
            throw new ProblemException(Problem.of(
                    "tenant-context-missing", "Forbidden", 403, "The access token carries no tenant_id claim."));
        }
        try {
            return UUID.fromString(tenant);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(
                    "tenant-context-missing", "Forbidden", 403, "The access token's tenant_id is not a tenant id."));
        }
    }

    public String subject() {
        return token.getSubject();
    }

    public Set<String> scopes() {
        String scope = token.getClaim("scope");
        return scope == null ? Set.of() : Arrays.stream(scope.split(" ")).collect(Collectors.toUnmodifiableSet());
    }
}
