package io.nexidentity.application.application;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.nexidentity.events.application.ApplicationEvents.ApiScope;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.events.application.ApplicationEvents.ExternalConsumption;

public record ApplicationView(
        UUID applicationId,
        UUID organizationId,
        String key,
        String name,
        String description,
        String status,
        ExternalConsumption externalConsumption,
        List<ApiScope> apiScopes,
        String latestManifest,
        Instant createdAt,
        Instant updatedAt) {

    public static ApplicationView of(Application application) {
        return new ApplicationView(
                application.id,
                application.organizationId,
                application.key,
                application.name,
                application.description,
                application.status.name().toLowerCase(Locale.ROOT),
                application.externalConsumption,
                application.apiScopes,
                application.latestManifest,
                application.createdAt,
                application.updatedAt);
    }

    public static ApplicationSnapshot snapshot(Application application) {
        return new ApplicationSnapshot(
                application.id,
                application.tenantId,
                application.organizationId,
                application.key,
                application.name,
                application.description,
                application.status.name().toLowerCase(Locale.ROOT),
                application.externalConsumption,
                application.apiScopes);
    }
}
