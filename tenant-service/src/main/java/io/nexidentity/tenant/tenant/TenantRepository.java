package io.nexidentity.tenant.tenant;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {}
