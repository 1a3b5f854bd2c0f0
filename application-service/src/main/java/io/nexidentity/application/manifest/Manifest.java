package io.nexidentity.application.manifest;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One immutable version of an application's runtime feature manifest. */
@Entity
@Table(name = "manifest")
@IdClass(Manifest.Key.class)
public class Manifest {

    @Id
    public UUID applicationId;

    @Id
    public String version;

    public String document;
    public String etag;
    public Instant publishedAt;
    public String publishedBy;
    public String path;

    public record Key(UUID applicationId, String version) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
