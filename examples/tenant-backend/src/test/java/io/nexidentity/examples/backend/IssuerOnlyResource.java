package io.nexidentity.examples.backend;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A resource server as the quick starts of OIDC libraries show it, for the tests only: quarkus-oidc configured with the
 * first tenant's issuer and nothing else (OIDC tenant {@code issuer-only}: no audience, no token type), so that only
 * the issuer and the signature decide.
 */
@Path("/test/issuer-only")
public class IssuerOnlyResource {

    @Inject
    JsonWebToken token;

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_PLAIN)
    public String issuer() {
        return token.getIssuer();
    }
}
