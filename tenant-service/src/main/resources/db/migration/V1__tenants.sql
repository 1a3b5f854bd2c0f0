create table tenant (
    id         uuid primary key,
    slug       text        not null,
    name       text        not null,
    status     text        not null,
    plan       text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint tenant_slug_key unique (slug)
);

create table organization (
    id         uuid primary key,
    tenant_id  uuid        not null references tenant (id) on delete cascade,
    name       text        not null,
    status     text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index organization_tenant_idx on organization (tenant_id, id);

create table tenant_user (
    id                  uuid primary key,
    tenant_id           uuid        not null references tenant (id) on delete cascade,
    email               text        not null,
    email_normalized    text        not null,
    name                text        not null,
    status              text        not null,
    password_hash       text,
    password_changed_at timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    constraint tenant_user_email_key unique (tenant_id, email_normalized)
);
create index tenant_user_tenant_idx on tenant_user (tenant_id, id);

create table membership (
    id              uuid primary key,
    tenant_id       uuid        not null references tenant (id) on delete cascade,
    organization_id uuid        not null references organization (id) on delete cascade,
    user_id         uuid        not null references tenant_user (id) on delete cascade,
    roles           text[]      not null,
    permissions     text[]      not null,
    perm_ver        integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint membership_organization_user_key unique (organization_id, user_id)
);
create index membership_user_idx on membership (user_id);

create table licence (
    id         uuid primary key,
    tenant_id  uuid        not null references tenant (id) on delete cascade,
    plan       text        not null,
    status     text        not null,
    starts_at  timestamptz not null,
    expires_at timestamptz,
    ended_at   timestamptz,
    end_reason text
);
-- At most one active licence per tenant, even under concurrent plan changes.
create unique index licence_one_active_per_tenant on licence (tenant_id) where status = 'ACTIVE';
create index licence_expiry_idx on licence (expires_at) where status = 'ACTIVE';

create table bootstrap_credential (
    client_id       text primary key,
    tenant_id       uuid        not null references tenant (id) on delete cascade,
    organization_id uuid        not null,
    secret_hash     text        not null,
    scopes          text        not null,
    status          text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz
);
create index bootstrap_credential_tenant_idx on bootstrap_credential (tenant_id);
