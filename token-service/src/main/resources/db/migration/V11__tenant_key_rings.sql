-- Every tenant signs with keys of its own (its issuer's JWKS holds only them). Keys without a tenant are the shared
-- issuer's from before: they sign nothing more and stay published until the tokens they signed have expired.
alter table signing_key add column tenant_id uuid;
create index signing_key_live on signing_key (tenant_id, alg) where status <> 'EXPIRED';
