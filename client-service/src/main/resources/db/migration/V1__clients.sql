create table client (
    id                         text primary key,
    tenant_id                  uuid        not null,
    organization_id            uuid        not null,
    application_id             uuid        not null,
    application_key            text        not null,
    name                       text        not null,
    profile                    text        not null,
    status                     text        not null,
    token_endpoint_auth_method text        not null,
    redirect_uris              text        not null,
    post_logout_redirect_uris  text        not null,
    scopes                     text        not null,
    jwks                       text,
    tls_client_auth_subject_dn text,
    certificate_thumbprints    text        not null,
    access_token_signing_alg   text        not null,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);
create index client_tenant_idx on client (tenant_id, id);
create index client_application_idx on client (application_id);

create table client_secret (
    id         uuid primary key,
    client_id  text        not null references client (id) on delete cascade,
    hash       text        not null,
    created_at timestamptz not null,
    expires_at timestamptz,
    revoked_at timestamptz
);
create index client_secret_client_idx on client_secret (client_id);

-- Applications as the application-service publishes them.
create table projected_application (
    application_id uuid primary key,
    tenant_id      uuid        not null,
    snapshot       text        not null,
    as_of          timestamptz not null
);
