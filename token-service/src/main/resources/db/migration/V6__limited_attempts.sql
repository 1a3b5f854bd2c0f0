-- Attempts counted against sliding-window limits (AttemptLimiter): each sign-in or device-code guess reserves a row
-- before it is checked, a successful sign-in deletes its rows. Replaces sign_in_failure (short-lived rows).
drop table sign_in_failure;
create table limited_attempt (
    id           bigserial primary key,
    attempt_key  text        not null,
    attempted_at timestamptz not null
);
create index limited_attempt_key_idx on limited_attempt (attempt_key, attempted_at);
