-- How a tenant's hosted pages present it (display name, logo, colour, support link); absent fields use the defaults.
create table tenant_branding (
    tenant_id      uuid primary key references tenant (id) on delete cascade,
    display_name   text,
    logo_url       text,
    primary_colour text,
    support_url    text,
    updated_at     timestamptz not null
);
