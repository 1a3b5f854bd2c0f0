-- Retention removes whole prefixes of a tenant's chain, and keeps a checkpoint of each: the last removed link and its
-- hash (what the first remaining event's prev_hash must equal), when and under which retention it was removed.
create table audit_checkpoint (
    tenant_id      uuid        not null,
    chain_index    bigint      not null,
    hash           text        not null,
    removed_from   bigint      not null,
    removed_at     timestamptz not null,
    retention_days integer     not null,
    primary key (tenant_id, chain_index)
);

-- The retentions a tenant's plans had, and when each was last in force: after a downgrade, the longer retention still
-- protects what it covered for a grace period.
create table audit_retention_seen (
    tenant_id      uuid        not null,
    retention_days integer     not null,
    last_seen      timestamptz not null,
    primary key (tenant_id, retention_days)
);

-- Chain heads signed with the audit key (a compact JWS): whoever keeps one can later prove that nothing up to it was
-- rewritten, even by someone able to recompute every hash in this database.
create table audit_signed_head (
    tenant_id   uuid        not null,
    chain_index bigint      not null,
    hash        text        not null,
    signed_at   timestamptz not null,
    jws         text        not null,
    primary key (tenant_id, chain_index)
);
