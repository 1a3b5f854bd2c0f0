package io.nexidentity.token.key;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.nexidentity.token.key.SigningKey.KeyStatus;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    public Uni<List<SigningKey>> live() {
        return find("status <> ?1 order by activatesAt", KeyStatus.EXPIRED).list();
    }
}
