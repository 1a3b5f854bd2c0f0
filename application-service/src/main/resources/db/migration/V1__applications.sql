create table application (
    id                   uuid primary key,
    tenant_id            uuid        not null,
    organization_id      uuid        not null,
    key                  text        not null,
    name                 text        not null,
    description          text,
    status               text        not null,
    external_consumption text        not null,
    api_scopes           text        not null,
    latest_manifest      text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    constraint application_key_key unique (key)
);
create index application_tenant_idx on application (tenant_id, id);
create unique index application_name_per_organization on application (organization_id, lower(name)) where status <> 'ARCHIVED';

create table manifest (
    application_id uuid        not null references application (id),
    version        text        not null,
    document       text        not null,
    etag           text        not null,
    published_at   timestamptz not null,
    published_by   text        not null,
    path           text        not null,
    primary key (application_id, version)
);

create table tenant_manifest_settings (
    tenant_id          uuid primary key,
    basic_path_enabled boolean     not null,
    updated_at         timestamptz not null
);

-- ManifestPublisher clients as the client-service publishes them (secrets as keyed hashes only).
create table projected_client (
    client_id      text primary key,
    tenant_id      uuid        not null,
    application_id uuid        not null,
    snapshot       jsonb       not null,
    as_of          timestamptz not null
);
