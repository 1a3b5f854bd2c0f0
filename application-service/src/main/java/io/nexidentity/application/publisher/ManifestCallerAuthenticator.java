package io.nexidentity.application.publisher;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.nexidentity.application.manifest.ManifestSettingsService;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.runtime.security.AdminPermission;

/**
 * Authenticates callers of the manifest endpoints on either path: {@code Authorization: Basic} with a ManifestPublisher
 * client's id and secret (RFC 6749 section 2.3.1 encoding; can be switched off per tenant), or {@code Authorization:
 * Bearer} with a token-service access token, validated by quarkus-oidc.
 */
@ApplicationScoped
public class ManifestCallerAuthenticator {

    private final CurrentIdentityAssociation identity;
    private final PublisherClients clients;
    private final SecretHasher secrets;
    private final ManifestSettingsService settings;

    private final Clock clock;

    ManifestCallerAuthenticator(
            CurrentIdentityAssociation identity,
            PublisherClients clients,
            SecretHasher secrets,
            ManifestSettingsService settings,
            Clock clock) {
        this.identity = identity;
        this.clients = clients;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
    }

    public Uni<ManifestCaller> authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).strip());
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return identity.getDeferredIdentity().flatMap(resolved -> {
                if (!(resolved.getPrincipal() instanceof JsonWebToken token)) {
                    throw unauthorized("The bearer token is not valid.");
                }
                String tenant = token.getClaim("tenant_id");
                String clientId = token.getClaim("client_id");
                String scope = token.getClaim("scope");
                var manifests = AdminPermission.MANIFESTS_READ.split(":");
                return resolved.checkPermission(new StringPermission(manifests[0], manifests[1]))
                        .map(reader -> new ManifestCaller(
                                clientId != null ? clientId : token.getSubject(),
                                tenant == null ? null : UUID.fromString(tenant),
                                "bearer",
                                scope == null ? Set.of() : Set.copyOf(Arrays.asList(scope.split(" "))),
                                token.getAudience() == null ? Set.of() : token.getAudience(),
                                null,
                                reader));
            });
        }
        return Uni.createFrom().failure(unauthorized("Authenticate with HTTP Basic or a bearer access token."));
    }

    private Uni<ManifestCaller> basic(String encoded) {
        String clientId;
        String secret;
        try {
            var decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw unauthorized("Malformed Basic credentials.");
            }
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(unauthorized("Malformed Basic credentials."));
        }
        return clients.find(clientId).flatMap(found -> {
            var now = clock.instant();
            var client = found.filter(c -> "active".equals(c.status()))
                    .filter(c -> c.secrets().stream()
                            .filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now))
                            .anyMatch(s -> secrets.matches(secret, s.hash())))
                    .orElseThrow(() -> unauthorized("Unknown client or wrong secret."));
            return settings.basicPathEnabled(client.tenantId()).map(enabled -> {
                if (!enabled) {
                    throw new ProblemException(Problem.of(
                            "basic-path-disabled",
                            "Forbidden",
                            403,
                            "This tenant turned the Basic compatibility path off; use a bearer access token."));
                }
                return new ManifestCaller(
                        client.clientId(),
                        client.tenantId(),
                        "basic",
                        Set.copyOf(client.scopes()),
                        Set.of(),
                        client.applicationId(),
                        false);
            });
        });
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of("unauthenticated", "Unauthorized", 401, detail))
                .withHeader("WWW-Authenticate", "Basic realm=\"nexid-manifests\", Bearer realm=\"nexidentity\"");
    }
}
