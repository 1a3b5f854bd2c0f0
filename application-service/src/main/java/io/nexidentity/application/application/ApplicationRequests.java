package io.nexidentity.application.application;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the application API. */
public final class ApplicationRequests {

    static final String SCOPE = "^[a-z][a-z0-9_.:/-]{0,99}$";

    private ApplicationRequests() {}

    public record CreateApplication(
            @NotNull UUID organizationId,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 500) String description,
            @Valid ExternalConsumptionRequest externalConsumption,
            @Size(max = 100) List<@NotNull @Valid ApiScopeRequest> apiScopes) {}

    public record UpdateApplication(
            @Size(min = 1, max = 100) String name,
            @Size(max = 500) String description,
            @Valid ExternalConsumptionRequest externalConsumption,
            @Size(max = 100) List<@NotNull @Valid ApiScopeRequest> apiScopes) {}

    public record ExternalConsumptionRequest(
            @NotNull @Pattern(regexp = "organization|tenant|allowlist") String mode,

            @Size(max = 100) List<@NotNull UUID> allowedTenants,
            @Size(max = 100) List<@NotNull UUID> allowedOrganizations) {}

    public record ApiScopeRequest(
            @NotNull @Pattern(regexp = SCOPE, message = "must be lower-case letters, digits and _.:/- (max 100)")
            String name,

            @Size(max = 200) String description) {}
}
