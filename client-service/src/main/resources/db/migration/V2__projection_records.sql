-- The application projection in the projection module's one shape (null record: deleted).
alter table projected_application rename column application_id to id;
alter table projected_application alter column id type text using id::text;
alter table projected_application rename column snapshot to record;
alter table projected_application alter column record drop not null;
alter table projected_application drop column tenant_id;
