-- The ManifestPublisher client projection in the projection module's one shape (null record: deleted).
alter table projected_client rename column client_id to id;
alter table projected_client rename column snapshot to record;
alter table projected_client alter column record type text using record::text;
alter table projected_client alter column record drop not null;
alter table projected_client drop column tenant_id;
alter table projected_client drop column application_id;
