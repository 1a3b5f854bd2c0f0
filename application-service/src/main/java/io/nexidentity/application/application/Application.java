package io.nexidentity.application.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.nexidentity.events.application.ApplicationEvents.ApiScope;
import io.nexidentity.events.application.ApplicationEvents.ExternalConsumption;

/** A customer application: the API that tokens are issued for, identified by its immutable key. */
@Entity
@Table(name = "application")
public class Application {

    @Id
    public UUID id;

    public UUID tenantId;
    public UUID organizationId;
    public String key;
    public String name;
    public String description;

    @Enumerated(EnumType.STRING)
    public ApplicationStatus status;

    @Convert(converter = ApplicationJsonColumns.Consumption.class)
    public ExternalConsumption externalConsumption;

    @Convert(converter = ApplicationJsonColumns.ApiScopes.class)
    public List<ApiScope> apiScopes;

    public String latestManifest;
    public Instant createdAt;
    public Instant updatedAt;

    public enum ApplicationStatus {
        ACTIVE,
        SUSPENDED,
        ARCHIVED;

        /** Allowed lifecycle moves: active and suspended alternate; either may be archived; archived is final. */
        public boolean canMoveTo(ApplicationStatus next) {
            return switch (this) {
                case ACTIVE -> next == SUSPENDED || next == ARCHIVED;
                case SUSPENDED -> next == ACTIVE || next == ARCHIVED;
                case ARCHIVED -> false;
            };
        }
    }
}
