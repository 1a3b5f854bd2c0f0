package io.nexidentity.tenant.signing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SigningRepository implements PanacheRepositoryBase<Signing, UUID> {}
