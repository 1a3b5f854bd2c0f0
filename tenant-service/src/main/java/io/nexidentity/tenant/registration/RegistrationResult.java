package io.nexidentity.tenant.registration;

import java.util.UUID;

import io.nexidentity.tenant.bootstrap.BootstrapCredentialService.IssuedCredential;
import io.nexidentity.tenant.licence.LicenceView;
import io.nexidentity.tenant.plan.PlanView;

/**
 * What a registration returns: the identifiers to record, the tenant's issuer (its OpenID provider: discovery at
 * {@code {issuer}/.well-known/openid-configuration}) and the bootstrap admin client, shown this once.
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
        IssuedCredential bootstrapCredential) {}
