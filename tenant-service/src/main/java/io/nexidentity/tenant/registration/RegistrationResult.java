package io.nexidentity.tenant.registration;

import java.util.UUID;

import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.tenant.bootstrap.BootstrapCredentialService.IssuedCredential;
import io.nexidentity.tenant.licence.LicenceView;
import io.nexidentity.tenant.plan.PlanView;

/**
 * What a registration returns: the identifiers to record, the tenant's issuer (its OpenID provider: discovery at
 * {@code {issuer}/.well-known/openid-configuration}), the bootstrap admin client (shown this once) and how the owner
 * signs in to administer the tenant.
 */
public record RegistrationResult(
        UUID tenantId,
        String slug,
        String issuer,
        String name,
        UUID organizationId,
        UUID userId,
        UUID membershipId,
        PlanView plan,
        LicenceView licence,
        IssuedCredential bootstrapCredential,
        AdminSignIn adminSignIn) {

    /**
     * How the tenant's people sign in to administer it with the tenant's admin client, a public client: the device
     * grant (RFC 8628), or Authorization Code + PKCE with a loopback redirect (RFC 8252); the tokens carry the
     * permissions of the member's roles.
     */
    public record AdminSignIn(
            String clientId,
            String deviceAuthorizationEndpoint,
            String authorizationEndpoint,
            String tokenEndpoint,
            String scope) {

        static AdminSignIn of(UUID tenantId, String issuer) {
            return new AdminSignIn(
                    ClientIds.adminClientId(tenantId),
                    issuer + "/device_authorization",
                    issuer + "/authorize",
                    issuer + "/token",
                    "openid offline_access nexidentity.admin");
        }
    }
}
