package io.nexidentity.examples.backend;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant context a NexIdentity access token carries, as this backend read it. quarkus-oidc has already checked
 * the signature (issuer's JWKS), issuer, audience (this application's key), token type and lifetime; what reaches here
 * is a token for this application, of the tenant that owns it.
 */
@Path("/api/context")
public class TenantContextResource {

    private static final String[] CLAIMS = {"tenant_id", "user_id", "organization_id", "membership_id", "perm_ver"};

    @Inject
    JsonWebToken token;

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> context() {
        var context = new LinkedHashMap<String, Object>();
        context.put("subject", token.getSubject());
        context.put("client_id", plain(token.getClaim("client_id")));
        context.put("scope", plain(token.getClaim("scope")));
        for (var claim : CLAIMS) {
            if (token.containsClaim(claim)) {
                context.put(claim, plain(token.getClaim(claim)));
            }
        }
        return context;
    }

    /** Custom claims come as JSON values (numbers as JsonNumber); the answer shows them as plain JSON. */
    private static Object plain(Object claim) {
        if (claim instanceof JsonNumber number) {
            return number.longValue();
        }
        if (claim instanceof JsonString string) {
            return string.getString();
        }
        return claim instanceof Number number ? number.longValue() : String.valueOf(claim);
    }
}
