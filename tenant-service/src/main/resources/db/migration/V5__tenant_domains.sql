-- Custom domains: a tenant's claim on a domain (pending until the DNS TXT record proves it), then the host its issuer
-- is served on. Several tenants may claim one domain; only one can prove it: a verified domain is unique.
create table tenant_domain (
    tenant_id          uuid        not null references tenant (id) on delete cascade,
    domain             text        not null,
    verification_token text        not null,
    status             text        not null,
    created_at         timestamptz not null,
    verified_at        timestamptz,
    primary key (tenant_id, domain)
);
create unique index tenant_domain_verified on tenant_domain (domain) where status = 'VERIFIED';
