-- A deleted client or application stays as a tombstone (null record), so that a late event cannot bring it back.
alter table projected_client alter column record drop not null;
alter table projected_application alter column record drop not null;
