package io.nexidentity.runtime.security;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;

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

    Caller(JsonWebToken token) {
        this.token = token;
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
