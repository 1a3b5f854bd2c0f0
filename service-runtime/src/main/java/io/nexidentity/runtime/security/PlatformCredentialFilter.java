package io.nexidentity.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.nexidentity.runtime.problem.Problem;

/**
 * Everything under {@code /internal/} is for platform services only: they present the platform credential as a bearer
 * token. Compared in constant time.
 */
public class PlatformCredentialFilter {

    static final String INTERNAL_PREFIX = "internal/";

    private final byte[] credential;

    PlatformCredentialFilter(@ConfigProperty(name = "nexid.security.platform-credential") String credential) {
        this.credential = ("Bearer " + credential).getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requirePlatformCredential(ContainerRequestContext request) {
        var path = request.getUriInfo().getPath();
        if (!path.startsWith("/" + INTERNAL_PREFIX) && !path.startsWith(INTERNAL_PREFIX)) {
            return Optional.empty();
        }
        var presented = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (presented != null && MessageDigest.isEqual(credential, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        var problem = Problem.of(
                "platform-credential-required",
                "Unauthorized",
                401,
                "Internal APIs answer platform services only, authenticated with the platform credential.");
        return Optional.of(Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"nexid-internal\"")
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build());
    }
}
