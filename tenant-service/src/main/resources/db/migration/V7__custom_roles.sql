-- Roles a tenant defines as sets of admin permissions, next to the built-in ones (owner, admin, developer, auditor,
-- member); a membership names them in its roles.
create table custom_role (
    id          uuid primary key,
    tenant_id   uuid        not null references tenant (id) on delete cascade,
    name        text        not null,
    description text,
    permissions text[]      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint custom_role_tenant_name_key unique (tenant_id, name)
);
-- The memberships holding a role, found when the role changes
create index membership_roles_idx on membership using gin (roles);
