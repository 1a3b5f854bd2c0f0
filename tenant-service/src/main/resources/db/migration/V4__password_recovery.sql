-- Recovery links ("forgot password"): only the keyed hash of the token is kept; a link is used once, before it expires,
-- and a newer link of the same user replaces it.
create table password_recovery (
    id          uuid primary key,
    tenant_id   uuid        not null references tenant (id) on delete cascade,
    user_id     uuid        not null references tenant_user (id) on delete cascade,
    client_id   text        not null,
    token_hash  text        not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null,
    constraint password_recovery_token_key unique (token_hash)
);
create index password_recovery_user_idx on password_recovery (user_id);
