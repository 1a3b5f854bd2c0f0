package io.nexidentity.application.manifest;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ManifestRepository implements PanacheRepositoryBase<Manifest, Manifest.Key> {

    public Uni<Manifest> find(UUID applicationId, String version) {
        return findById(new Manifest.Key(applicationId, version));
    }

    public Uni<List<Manifest>> versions(UUID applicationId, int limit) {
        return find("applicationId = ?1 order by publishedAt desc", applicationId)
                .page(0, limit)
                .list();
    }
}
