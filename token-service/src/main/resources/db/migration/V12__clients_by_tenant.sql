-- A tenant's clients, for the discovery document that lists what they can do.
create index projected_client_tenant on projected_client ((record::jsonb ->> 'tenant_id'));
