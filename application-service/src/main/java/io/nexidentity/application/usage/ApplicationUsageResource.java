package io.nexidentity.application.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.application.usage.ApplicationUsageService.ApplicationUsage;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/application-usage")
@Tag(name = "Applications")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.APPLICATIONS_READ)
public class ApplicationUsageResource {

    private final ApplicationUsageService usage;
    private final Caller caller;

    ApplicationUsageResource(ApplicationUsageService usage, Caller caller) {
        this.usage = usage;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary =
                    "Application quota of the plan and its use, in total and per organization (archived ones excluded)")
    public Uni<ApplicationUsage> get() {
        return usage.usage(caller.tenantId());
    }
}
