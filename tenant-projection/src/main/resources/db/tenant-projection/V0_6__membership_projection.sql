-- Memberships as the admin APIs check a person's token against them (perm_ver); the projection module's one shape.
create table projected_membership (
    id     text primary key,
    record text,
    as_of  timestamptz not null
);
