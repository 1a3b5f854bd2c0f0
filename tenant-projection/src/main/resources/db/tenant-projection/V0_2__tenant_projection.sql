-- Shared by the services that keep a tenant projection (Flyway location classpath:db/tenant-projection).
-- as_of: the time of the newest fact applied; older events never overwrite a fresher read-through.
create table projected_tenant (
    tenant_id                uuid primary key,
    slug                     text,
    name                     text,
    plan                     text,
    licence_status           text        not null,
    quota_applications       integer     not null,
    quota_clients_per_app    integer     not null,
    quota_monthly_users      integer     not null,
    quota_webhook_endpoints  integer     not null,
    quota_audit_retention    integer     not null,
    as_of                    timestamptz not null
);

create table projected_organization (
    organization_id uuid primary key,
    tenant_id       uuid        not null,
    name            text        not null,
    status          text        not null,
    as_of           timestamptz not null
);
