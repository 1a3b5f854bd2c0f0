package io.nexidentity.token.userinfo;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jwt.JWTClaimsSet;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.introspection.AccessTokenVerifier;
import io.nexidentity.token.introspection.ForeignTokens;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.mtls.ClientCertificates;
import io.nexidentity.token.oauth.OAuthResponses;
import io.nexidentity.token.user.UserDirectory;

/**
 * {@code GET|POST /userinfo} (OpenID Connect Core 5.3): the signed-in user's claims for an access token with the
 * {@code openid} scope, as the token's scopes allow: {@code profile} (name, preferred_username), {@code email} (email,
 * email_verified) and {@code tenant_context} (tenant and membership context, tenant slug). Bearer errors per RFC 6750.
 */
@ApplicationScoped
public class UserinfoEndpoint {

    private static final Logger LOG = Logger.getLogger(UserinfoEndpoint.class);

    private final AccessTokenVerifier verifier;
    private final ForeignTokens foreign;
    private final ClientRegistry clients;
    private final UserDirectory users;

    UserinfoEndpoint(AccessTokenVerifier verifier, ForeignTokens foreign, ClientRegistry clients, UserDirectory users) {
        this.verifier = verifier;
        this.foreign = foreign;
        this.clients = clients;
        this.users = users;
    }

    public void handle(RoutingContext context) {
        var token = bearer(context);
        if (token.isEmpty()) {
            challenge(context, 401, "Bearer realm=\"nexidentity\"");
            return;
        }
        var issuer = TenantIssuer.of(context);
        var claims = verifier.verify(issuer, token.get(), false).orElse(null);
        if (claims == null) {
            foreign.refused(issuer, token.get(), "userinfo");
        }
        if (claims == null
                || claims.getClaim("client_id") == null
                || !ClientCertificates.bindingHolds(claims, ClientCertificates.presented(context))) {
            invalidToken(context);
            return;
        }
        var scopes = scopes(claims);
        if (!scopes.contains("openid")) {
            challenge(
                    context,
                    403,
                    "Bearer realm=\"nexidentity\", error=\"insufficient_scope\", scope=\"openid\","
                            + " error_description=\"The token was not granted the openid scope.\"");
            return;
        }
        UUID userId;
        try {
            userId = UUID.fromString(claims.getSubject());
        } catch (IllegalArgumentException e) {
            invalidToken(context);
            return;
        }
        clients.find(String.valueOf(claims.getClaim("client_id")))
                .flatMap(client -> client.isEmpty()
                        ? Uni.createFrom().item(Optional.<JsonObject>empty())
                        : users.user(client.get().tenantId(), userId)
                                .flatMap(user -> user.filter(UserContext::active)
                                                .isEmpty()
                                        ? Uni.createFrom().item(Optional.<JsonObject>empty())
                                        : claimsOf(user.get(), client.get().organizationId(), claims, scopes)
                                                .map(Optional::of)))
                .subscribe()
                .with(
                        found -> {
                            if (found.isEmpty()) {
                                invalidToken(context);
                            } else {
                                OAuthResponses.json(context, 200, found.get());
                            }
                        },
                        failure -> {
                            LOG.error("userinfo failed", failure);
                            OAuthResponses.failure(context, failure);
                        });
    }

    private Uni<JsonObject> claimsOf(UserContext user, UUID organizationId, JWTClaimsSet token, Set<String> scopes) {
        var body = new JsonObject().put("sub", user.userId().toString());
        if (token.getClaim("sid") != null) {
            body.put("sid", String.valueOf(token.getClaim("sid")));
        }
        if (scopes.contains("profile")) {
            body.put("name", user.name()).put("preferred_username", user.email());
        }
        if (scopes.contains("email")) {
            // The platform does not verify addresses yet: claiming otherwise would be a lie relying parties act on.
            body.put("email", user.email()).put("email_verified", false);
        }
        if (!scopes.contains("tenant_context") && !scopes.contains("nexidentity.api")) {
            return Uni.createFrom().item(body);
        }
        body.put("user_id", user.userId().toString())
                .put("tenant_id", user.tenantId().toString());
        user.membershipFor(organizationId)
                .ifPresent(membership -> body.put(
                                "organization_id", membership.organizationId().toString())
                        .put("membership_id", membership.membershipId().toString())
                        .put("perm_ver", membership.permVer()));
        return users.tenant(user.tenantId()).map(tenant -> {
            tenant.ifPresent(found -> body.put("slug", found.slug()));
            return body;
        });
    }

    private static Optional<String> bearer(RoutingContext context) {
        var header = context.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        if (context.request().method() == HttpMethod.POST
                && context.request().getHeader("Content-Type") != null
                && context.request().getHeader("Content-Type").startsWith("application/x-www-form-urlencoded")) {
            return Optional.ofNullable(context.request().getFormAttribute("access_token"));
        }
        return Optional.empty();
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        var scope = claims.getClaim("scope");
        return scope == null
                ? Set.of()
                : Arrays.stream(String.valueOf(scope).split(" ")).collect(Collectors.toSet());
    }

    private static void invalidToken(RoutingContext context) {
        challenge(
                context,
                401,
                "Bearer realm=\"nexidentity\", error=\"invalid_token\","
                        + " error_description=\"The access token is invalid, expired or revoked.\"");
    }

    private static void challenge(RoutingContext context, int status, String challenge) {
        context.response()
                .setStatusCode(status)
                .putHeader("WWW-Authenticate", challenge)
                .putHeader("Cache-Control", "no-store")
                .end();
    }
}
