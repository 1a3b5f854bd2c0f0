-- Failed sign-ins and device user-code guesses, shared by every token-service instance: the throttle counts them per
-- account and per client address within its window; a scheduled job deletes what has left the window.
create table sign_in_failure (
    throttle_key text        not null,
    failed_at    timestamptz not null
);
create index sign_in_failure_key_idx on sign_in_failure (throttle_key, failed_at);
