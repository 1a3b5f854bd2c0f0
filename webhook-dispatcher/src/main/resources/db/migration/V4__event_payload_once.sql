-- An event's payload is stored once, however many endpoints it goes to: it was copied into each of its deliveries and
-- rewritten with every change of a delivery's state (20 endpoints: 60 copies of it written for one event).
create table webhook_event (
    tenant_id uuid not null,
    event_id  text not null,
    payload   text not null,
    primary key (tenant_id, event_id)
);
insert into webhook_event (tenant_id, event_id, payload)
select distinct on (tenant_id, event_id) tenant_id, event_id, payload from webhook_delivery;
alter table webhook_delivery drop column payload;

-- Every index is written on each insert and state change of a delivery, so there are as few as the queries need: the
-- unique one also finds an event's deliveries, the history one lists an endpoint's newest first (ids are time-ordered).
drop index webhook_delivery_once;
create unique index webhook_delivery_once on webhook_delivery (event_id, endpoint_id) where replay_of is null;
drop index webhook_delivery_event_idx;
drop index webhook_delivery_endpoint_idx;
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, id);

-- Replays are created in SQL; their ids must be time-ordered like the dispatcher's (UUID version 7), or the history,
-- newest first by id, would place them at random.
create function nexid_uuid_v7() returns uuid language sql volatile as $$
    select encode(
        set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
            placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
            from 1 for 6), 52, 1), 53, 1),
        'hex')::uuid
$$;
