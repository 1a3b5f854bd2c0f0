-- A client that names no access-token algorithm signs as its tenant chose (tenant-service, PUT /v1/tenant/signing).
-- Clients used to be given RS256 when they named none; they follow their tenant from now on.
alter table client alter column access_token_signing_alg drop not null;
update client set access_token_signing_alg = null where access_token_signing_alg = 'RS256';
