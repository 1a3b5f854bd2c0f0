create table webhook_endpoint (
    id                  uuid primary key,
    tenant_id           uuid        not null,
    organization_id     uuid        not null,
    url                 text        not null,
    description         text,
    event_types         text        not null,
    enabled             boolean     not null,
    -- only events that happen from this moment on are delivered (changed when the subscription changes)
    subscribed_since    timestamptz not null,
    signature_scheme    text        not null,
    ed25519_public_key  text,
    ed25519_private_sealed text,
    failing_since       timestamptz,
    disabled_reason     text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index webhook_endpoint_tenant_idx on webhook_endpoint (tenant_id, id);

-- HMAC signing secrets, sealed; during a rotation the previous one stays valid (expires_at) and both sign.
create table webhook_secret (
    id          uuid primary key,
    endpoint_id uuid        not null references webhook_endpoint (id) on delete cascade,
    sealed      text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz
);
create index webhook_secret_endpoint_idx on webhook_secret (endpoint_id);

create table webhook_delivery (
    id              uuid primary key,
    endpoint_id     uuid        not null references webhook_endpoint (id) on delete cascade,
    tenant_id       uuid        not null,
    event_id        text        not null,
    event_type      text        not null,
    event_time      timestamptz not null,
    payload         text        not null,
    status          text        not null,
    attempts        integer     not null,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    replay_of       uuid references webhook_delivery (id),
    created_at      timestamptz not null,
    last_attempt_at timestamptz
);
create unique index webhook_delivery_once on webhook_delivery (endpoint_id, event_id) where replay_of is null;
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status in ('PENDING', 'RETRYING', 'IN_FLIGHT');
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at desc);
create index webhook_delivery_event_idx on webhook_delivery (tenant_id, event_id);

create table webhook_attempt (
    id            bigserial primary key,
    delivery_id   uuid        not null references webhook_delivery (id) on delete cascade,
    attempted_at  timestamptz not null,
    url           text        not null,
    status_code   integer,
    latency_ms    integer     not null,
    response_body text,
    error         text
);
create index webhook_attempt_delivery_idx on webhook_attempt (delivery_id, id);
