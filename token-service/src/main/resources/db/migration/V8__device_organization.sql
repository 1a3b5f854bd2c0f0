-- Device events name the organization of the device's client, so the organization's audit trail shows them.
alter table device_authorization add column organization_id uuid;
