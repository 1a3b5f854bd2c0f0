package io.nexidentity.tenant.branding;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class BrandingRepository implements PanacheRepositoryBase<Branding, UUID> {}
