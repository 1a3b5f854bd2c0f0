-- Attempts counted against sliding-window limits (AttemptLimiter): registrations per client address.
create table limited_attempt (
    id           bigserial primary key,
    attempt_key  text        not null,
    attempted_at timestamptz not null
);
create index limited_attempt_key_idx on limited_attempt (attempt_key, attempted_at);
