package io.nexidentity.application.manifest;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's choices about manifest publishing; without a row, the Basic compatibility path is on. */
@Entity
@Table(name = "tenant_manifest_settings")
public class ManifestSettings {

    @Id
    public UUID tenantId;

    public boolean basicPathEnabled;
    public Instant updatedAt;
}
