package io.nexidentity.tenant.registration;

import java.util.UUID;

import io.nexidentity.tenant.bootstrap.BootstrapCredentialService.IssuedCredential;
import io.nexidentity.tenant.licence.LicenceView;
import io.nexidentity.tenant.plan.PlanView;

/** What a registration returns: the identifiers to record and the bootstrap admin client, shown this once. */
public record RegistrationResult(
        UUID tenantId,
        String slug,
        String name,
        UUID organizationId,
        UUID userId,
        UUID membershipId,
        PlanView plan,
        LicenceView licence,
        IssuedCredential bootstrapCredential) {}
