-- The tenant and organization projections in the projection module's one shape: the record as JSON (null once the
-- record is deleted), under its id as text. Existing rows are kept, converted.
create table projected_tenant_record (
    id     text primary key,
    record text,
    as_of  timestamptz not null
);
insert into projected_tenant_record (id, record, as_of)
select tenant_id::text,
       json_build_object('tenant_id', tenant_id, 'slug', slug, 'name', name, 'status', 'active', 'plan', plan,
           'licence_status', licence_status,
           'quotas', json_build_object('applications', quota_applications,
               'clients_per_application', quota_clients_per_app, 'monthly_active_users', quota_monthly_users,
               'webhook_endpoints', quota_webhook_endpoints, 'audit_retention_days', quota_audit_retention))::text,
       as_of
from projected_tenant;
drop table projected_tenant;
alter table projected_tenant_record rename to projected_tenant;
alter index projected_tenant_record_pkey rename to projected_tenant_pkey;

create table projected_organization_record (
    id     text primary key,
    record text,
    as_of  timestamptz not null
);
insert into projected_organization_record (id, record, as_of)
select organization_id::text,
       json_build_object('organization_id', organization_id, 'tenant_id', tenant_id, 'name', name,
           'status', status)::text,
       as_of
from projected_organization;
drop table projected_organization;
alter table projected_organization_record rename to projected_organization;
alter index projected_organization_record_pkey rename to projected_organization_pkey;
