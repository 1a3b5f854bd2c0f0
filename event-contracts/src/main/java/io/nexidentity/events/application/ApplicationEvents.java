package io.nexidentity.events.application;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;

/** Events of the application-service, on {@code nexid.application.v1}. */
public final class ApplicationEvents {

    public static final EventType<ApplicationSnapshot> APPLICATION_CREATED =
            type("nexid.application.created.v1", ApplicationSnapshot.class);
    public static final EventType<ApplicationSnapshot> APPLICATION_UPDATED =
            type("nexid.application.updated.v1", ApplicationSnapshot.class);
    public static final EventType<ApplicationSnapshot> APPLICATION_SUSPENDED =
            type("nexid.application.suspended.v1", ApplicationSnapshot.class);
    public static final EventType<ApplicationSnapshot> APPLICATION_REACTIVATED =
            type("nexid.application.reactivated.v1", ApplicationSnapshot.class);
    public static final EventType<ApplicationSnapshot> APPLICATION_ARCHIVED =
            type("nexid.application.archived.v1", ApplicationSnapshot.class);
    public static final EventType<QuotaReached> APPLICATION_QUOTA_REACHED =
            type("nexid.application.quota_reached.v1", QuotaReached.class);
    public static final EventType<ManifestPublished> MANIFEST_PUBLISHED =
            type("nexid.manifest.published.v1", ManifestPublished.class);
    public static final EventType<ManifestBasicPathChanged> MANIFEST_BASIC_PATH_CHANGED =
            type("nexid.manifest.basic_path_changed.v1", ManifestBasicPathChanged.class);

    public static final List<EventType<?>> ALL = List.of(
            APPLICATION_CREATED,
            APPLICATION_UPDATED,
            APPLICATION_SUSPENDED,
            APPLICATION_REACTIVATED,
            APPLICATION_ARCHIVED,
            APPLICATION_QUOTA_REACHED,
            MANIFEST_PUBLISHED,
            MANIFEST_BASIC_PATH_CHANGED);

    private ApplicationEvents() {}

    private static <P> EventType<P> type(String name, Class<P> payload) {
        return new EventType<>(name, Topic.APPLICATION, payload);
    }

    /**
     * An application as the client- and token-services need it. {@code key} is the immutable API identifier that
     * access tokens for the application carry as {@code aud}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApplicationSnapshot(
            UUID applicationId,
            UUID tenantId,
            UUID organizationId,
            String key,
            String name,
            String description,
            String status,
            ExternalConsumption externalConsumption,
            List<ApiScope> apiScopes) {}

    /**
     * Who may obtain tokens for the application: {@code organization} (clients of the owning organization only),
     * {@code tenant} (any organization of the tenant) or {@code allowlist} (the owning organization, the listed
     * organizations, and any organization of a listed tenant). The token-service enforces it on every user token.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ExternalConsumption(String mode, List<UUID> allowedTenants, List<UUID> allowedOrganizations) {

        @Override
        public List<UUID> allowedTenants() {
            return allowedTenants == null ? List.of() : allowedTenants;
        }

        @Override
        public List<UUID> allowedOrganizations() {
            return allowedOrganizations == null ? List.of() : allowedOrganizations;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApiScope(String name, String description) {}

    /** Licensing: a creation was refused because the plan's quota is used up. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QuotaReached(
            String quota, String plan, int limit, int used, UUID organizationId, UUID applicationId) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ManifestPublished(
            UUID applicationId, String applicationKey, String version, String etag, String publishedBy, String path) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ManifestBasicPathChanged(boolean enabled) {}
}
