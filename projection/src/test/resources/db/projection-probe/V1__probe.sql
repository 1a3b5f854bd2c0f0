create table projected_probe (
    id     text primary key,
    record text,
    as_of  timestamptz not null
);
create table projected_probe_memory (
    id     text primary key,
    record text,
    as_of  timestamptz not null
);
