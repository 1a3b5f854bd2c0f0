package io.nexidentity.token.introspection;

import java.text.ParseException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;

import io.nexidentity.events.security.SecurityEvents;
import io.nexidentity.events.security.SecurityEvents.CrossTenantAccessDenied;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.key.SigningKeys;

/**
 * A token another tenant's issuer really issued, presented at this tenant's endpoint: refused there as unknown, and
 * recorded in the trail of the tenant whose endpoint it was ({@code nexid.security.cross_tenant_access_denied.v1},
 * the token's tenant as the caller). Only tokens whose signature checks out with their tenant's keys count, so a forged
 * token names nobody.
 */
@ApplicationScoped
public class ForeignTokens {

    private final SigningKeys keys;
    private final HotPathEvents events;

    ForeignTokens(SigningKeys keys, HotPathEvents events) {
        this.keys = keys;
        this.events = events;
    }

    /** Records {@code token} when it is another tenant's; {@code operation} names the endpoint's act, e.g. introspect. */
    public void refused(TenantIssuer issuer, String token, String operation) {
        try {
            var jwt = SignedJWT.parse(token);
            var claims = jwt.getJWTClaimsSet();
            var tenant = claims.getStringClaim("tenant_id");
            if (tenant == null || tenant.equals(issuer.tenantId().toString())) {
                return;
            }
            var ring = keys.ring(UUID.fromString(tenant));
            var verifier = ring == null
                    ? null
                    : ring.verifier(jwt.getHeader().getKeyID()).orElse(null);
            if (verifier == null
                    || !verifier.alg().equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(verifier.verifier())) {
                return;
            }
            var caller = claims.getStringClaim("client_id");
            events.publish(
                    SecurityEvents.CROSS_TENANT_ACCESS_DENIED,
                    claims.getJWTID(),
                    issuer.tenantId().toString(),
                    new CrossTenantAccessDenied(
                            tenant,
                            caller == null ? claims.getSubject() : caller,
                            "access_token",
                            claims.getJWTID(),
                            operation));
        } catch (ParseException | JOSEException | IllegalArgumentException notOneOfOurs) {
            // not a token any tenant's issuer signed: nothing to record
        }
    }
}
