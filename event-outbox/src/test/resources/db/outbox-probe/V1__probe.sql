create table probe_change (
    id   text primary key,
    name text not null
);

create table consumed_event (
    event_id    text not null,
    subject     text not null,
    consumed_at timestamptz not null default now()
);
