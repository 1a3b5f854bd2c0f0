-- The access-token algorithm each tenant chose (tenant-service events, read through on a miss).
create table projected_tenant_signing (
    id     text primary key,
    record text,
    as_of  timestamptz not null
);

-- Clients used to be given RS256 when they named no algorithm: from now on they sign as their tenant chose.
update projected_client
set record = jsonb_set(record::jsonb, '{access_token_signing_alg}', 'null'::jsonb)::text
where record is not null and record::jsonb ->> 'access_token_signing_alg' = 'RS256';
