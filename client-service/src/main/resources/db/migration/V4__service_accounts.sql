-- Admin API permissions granted to a service account (an automation client); '[]' for every other client.
alter table client add column admin_permissions text not null default '[]';
