package io.nexidentity.application.manifest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/manifest-settings")
@Tag(name = "Manifests")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.MANIFESTS_READ)
public class ManifestSettingsResource {

    private final ManifestSettingsService settings;
    private final Caller caller;

    ManifestSettingsResource(ManifestSettingsService settings, Caller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Whether ManifestPublisher clients may still publish over HTTP Basic")
    public Uni<Settings> get() {
        return settings.basicPathEnabled(caller.tenantId()).map(Settings::new);
    }

    @PUT
    @Operation(summary = "Turn the Basic compatibility path of manifest publishing on or off for the tenant")
    @PermissionsAllowed(AdminPermission.MANIFESTS_WRITE)
    public Uni<Settings> set(@Valid @NotNull Settings request) {
        return settings.setBasicPath(caller.tenantId(), request.basicPathEnabled())
                .map(Settings::new);
    }

    public record Settings(@NotNull Boolean basicPathEnabled) {}
}
