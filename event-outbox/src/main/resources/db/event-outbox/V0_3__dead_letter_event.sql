-- Records a consumer could not apply (see ConsumerGuard): kept with the failure so an operator can fix and re-publish
-- them, while the consumer goes on with the rest. The record is kept as bytes, exactly as it arrived.
create table dead_letter_event (
    id          bigserial primary key,
    consumer    text        not null,
    event_id    text,
    event_type  text,
    tenant_id   text,
    error       text        not null,
    record      bytea       not null,
    created_at  timestamptz not null default now()
);
create index dead_letter_event_consumer_idx on dead_letter_event (consumer, id);
