-- The organization a relying party asked for with the authorization request's `organization` parameter; the code and
-- the token family it starts keep it, so every token issued into the family (refreshes too) is checked against the
-- application's external-consumption policy for that same organization.
alter table authorization_request add column organization_id uuid;
alter table authorization_code add column organization_id uuid;
alter table token_family add column organization_id uuid;
