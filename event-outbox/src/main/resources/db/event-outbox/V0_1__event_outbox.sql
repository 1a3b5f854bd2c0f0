-- Shared by every service (Flyway location classpath:db/event-outbox). Versions 0.x are reserved for this module.

-- Events waiting to be relayed to Kafka; written in the same transaction as the state change they describe.
create table outbox_event (
    seq         bigserial primary key,
    event_id    text        not null unique,
    topic       text        not null,
    message_key text,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Wakes the relay when a transaction that wrote events commits (NOTIFY is delivered on commit, once per statement).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('nexid_outbox', '');
    return null;
end;
$$;

create trigger outbox_event_inserted
    after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Events a consumer has applied, so that a redelivered event is applied once.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
