-- How a tenant's tokens are signed; a tenant without a row signs its access tokens with RS256.
create table tenant_signing (
    tenant_id                uuid primary key references tenant (id) on delete cascade,
    access_token_signing_alg text        not null,
    updated_at               timestamptz not null
);
