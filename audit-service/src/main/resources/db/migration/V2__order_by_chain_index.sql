-- Every query is within one tenant, whose chain index is its ingestion order: the primary key orders pages and exports,
-- and each stored event no longer maintains a sequence and a fourth index.
drop index audit_event_tenant_seq_idx;
alter table audit_event drop column seq;
