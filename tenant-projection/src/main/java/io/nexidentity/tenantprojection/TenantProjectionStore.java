package io.nexidentity.tenantprojection;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.Quotas;
import io.nexidentity.events.tenant.TenantSnapshot;

/**
 * SQL of the projection tables. Upserts apply only facts at least as new as what the row holds ({@code as_of}), so a
 * late event never overwrites a fresher read-through.
 */
@ApplicationScoped
public class TenantProjectionStore {

    private static final Quotas NONE = new Quotas(0, 0, 0, 0, 0);

    private final Pool pool;

    TenantProjectionStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<TenantSnapshot>> tenant(UUID tenantId) {
        return pool.preparedQuery("select * from projected_tenant where tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(tenantOf(rows.iterator().next())));
    }

    public Uni<Optional<OrganizationSnapshot>> organization(UUID organizationId) {
        return pool.preparedQuery("select * from projected_organization where organization_id = $1")
                .execute(Tuple.of(organizationId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(organizationOf(rows.iterator().next())));
    }

    /** Writes a whole tenant as of {@code asOf}. */
    public Uni<Void> putTenant(SqlClient sql, TenantSnapshot tenant, Instant asOf) {
        var quotas = tenant.quotas() == null ? NONE : tenant.quotas();
        return sql.preparedQuery("""
                        insert into projected_tenant (tenant_id, slug, name, plan, licence_status, quota_applications,
                            quota_clients_per_app, quota_monthly_users, quota_webhook_endpoints, quota_audit_retention, as_of)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        on conflict (tenant_id) do update set slug = coalesce(excluded.slug, projected_tenant.slug),
                            name = coalesce(excluded.name, projected_tenant.name), plan = excluded.plan,
                            licence_status = excluded.licence_status, quota_applications = excluded.quota_applications,
                            quota_clients_per_app = excluded.quota_clients_per_app,
                            quota_monthly_users = excluded.quota_monthly_users,
                            quota_webhook_endpoints = excluded.quota_webhook_endpoints,
                            quota_audit_retention = excluded.quota_audit_retention, as_of = excluded.as_of
                        where projected_tenant.as_of <= excluded.as_of""")
                .execute(Tuple.from(new Object[] {
                    tenant.tenantId(),
                    tenant.slug(),
                    tenant.name(),
                    tenant.plan(),
                    tenant.licenceStatus(),
                    quotas.applications(),
                    quotas.clientsPerApplication(),
                    quotas.monthlyActiveUsers(),
                    quotas.webhookEndpoints(),
                    quotas.auditRetentionDays(),
                    asOf.atOffset(ZoneOffset.UTC)
                }))
                .replaceWithVoid();
    }

    /** Renames a known tenant; unknown tenants are left to the events that create them or to read-through. */
    public Uni<Void> renameTenant(SqlClient sql, UUID tenantId, String name, Instant asOf) {
        return sql.preparedQuery(
                        "update projected_tenant set name = $2, as_of = $3 where tenant_id = $1 and as_of <= $3")
                .execute(Tuple.of(tenantId, name, asOf.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> putOrganization(SqlClient sql, OrganizationSnapshot organization, Instant asOf) {
        return sql.preparedQuery("""
                        insert into projected_organization (organization_id, tenant_id, name, status, as_of)
                        values ($1, $2, $3, $4, $5)
                        on conflict (organization_id) do update set name = excluded.name, status = excluded.status,
                            as_of = excluded.as_of
                        where projected_organization.as_of <= excluded.as_of""")
                .execute(Tuple.of(
                        organization.organizationId(),
                        organization.tenantId(),
                        organization.name(),
                        organization.status(),
                        asOf.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Pool pool() {
        return pool;
    }

    private static TenantSnapshot tenantOf(Row row) {
        return new TenantSnapshot(
                row.getUUID("tenant_id"),
                row.getString("slug"),
                row.getString("name"),
                "active",
                row.getString("plan"),
                row.getString("licence_status"),
                new Quotas(
                        row.getInteger("quota_applications"),
                        row.getInteger("quota_clients_per_app"),
                        row.getInteger("quota_monthly_users"),
                        row.getInteger("quota_webhook_endpoints"),
                        row.getInteger("quota_audit_retention")));
    }

    private static OrganizationSnapshot organizationOf(Row row) {
        return new OrganizationSnapshot(
                row.getUUID("organization_id"),
                row.getUUID("tenant_id"),
                row.getString("name"),
                row.getString("status"));
    }
}
