-- Device authorization requests (RFC 8628): the device polls with the device code (stored as a keyed hash), the user
-- enters the user code on the verification page and approves or denies.
create table device_authorization (
    device_code_hash text primary key,
    user_code        text        not null unique,
    client_id        text        not null,
    tenant_id        uuid        not null,
    scope            text        not null,
    status           text        not null,
    user_id          uuid,
    sid              text,
    auth_time        timestamptz,
    poll_interval    integer     not null,
    last_polled_at   timestamptz,
    expires_at       timestamptz not null
);
