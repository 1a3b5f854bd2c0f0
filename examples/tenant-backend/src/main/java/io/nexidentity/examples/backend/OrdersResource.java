package io.nexidentity.examples.backend;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.PermissionsAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An API of the application, guarded by a scope: quarkus-oidc turns the token's {@code scope} claim into permissions,
 * so a token without {@code orders:read} gets 403. The data shown is the caller's tenant's.
 */
@Path("/api/orders")
public class OrdersResource {

    @Inject
    JsonWebToken token;

    @GET
    @PermissionsAllowed("orders:read")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> orders() {
        String tenant = token.getClaim("tenant_id");
        if (tenant == null) {
            throw new ForbiddenException("The token names no tenant: a user's token needs the tenant_context scope.");
        }
        return Map.of("tenant_id", tenant, "orders", List.of(Map.of("id", "order-1001", "status", "shipped")));
    }
}
