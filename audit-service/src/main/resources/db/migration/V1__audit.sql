-- Every event once, per tenant in a hash chain: hash = SHA-256(prev_hash, chain_index, event_id, payload).
create table audit_event (
    seq             bigserial   not null,
    tenant_id       uuid        not null,
    chain_index     bigint      not null,
    event_id        text        not null,
    type            text        not null,
    category        text        not null,
    subject         text,
    actor           text,
    organization_id uuid,
    occurred_at     timestamptz not null,
    ingested_at     timestamptz not null,
    payload         text        not null,
    prev_hash       text        not null,
    hash            text        not null,
    primary key (tenant_id, chain_index),
    constraint audit_event_id_key unique (event_id)
);
create index audit_event_tenant_seq_idx on audit_event (tenant_id, seq desc);
create index audit_event_tenant_time_idx on audit_event (tenant_id, occurred_at);

-- The end of each tenant's chain; appends lock it, so a chain never forks. Retention removes a prefix of the chain
-- (pruned_up_to): the first remaining event's prev_hash is then where verification starts.
create table audit_chain_head (
    tenant_id    uuid primary key,
    last_index   bigint not null,
    last_hash    text   not null,
    pruned_up_to bigint not null default 0
);
