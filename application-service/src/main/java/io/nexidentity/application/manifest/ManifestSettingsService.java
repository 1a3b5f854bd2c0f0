package io.nexidentity.application.manifest;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ManifestBasicPathChanged;
import io.nexidentity.outbox.OutboxWriter;

@ApplicationScoped
public class ManifestSettingsService {

    private final OutboxWriter outbox;
    private final Clock clock;

    ManifestSettingsService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithSession
    public Uni<Boolean> basicPathEnabled(UUID tenantId) {
        return Panache.getSession()
                .flatMap(session -> session.find(ManifestSettings.class, tenantId))
                .map(settings -> settings == null || settings.basicPathEnabled);
    }

    @WithTransaction
    public Uni<Boolean> setBasicPath(UUID tenantId, boolean enabled) {
        return Panache.getSession()
                .flatMap(session -> session.find(ManifestSettings.class, tenantId)
                        .flatMap(existing -> {
                            var current = existing == null || existing.basicPathEnabled;
                            if (current == enabled && existing != null) {
                                return Uni.createFrom().item(enabled);
                            }
                            var settings = existing != null ? existing : new ManifestSettings();
                            settings.tenantId = tenantId;
                            settings.basicPathEnabled = enabled;
                            settings.updatedAt = clock.instant();
                            Uni<?> saved = existing != null ? Uni.createFrom().voidItem() : session.persist(settings);
                            return saved.flatMap(x -> current == enabled
                                            ? Uni.createFrom().voidItem()
                                            : outbox.append(
                                                            ApplicationEvents.MANIFEST_BASIC_PATH_CHANGED,
                                                            tenantId.toString(),
                                                            tenantId.toString(),
                                                            new ManifestBasicPathChanged(enabled))
                                                    .replaceWithVoid())
                                    .replaceWith(enabled);
                        }));
    }
}
