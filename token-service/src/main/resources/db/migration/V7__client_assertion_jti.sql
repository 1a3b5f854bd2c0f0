-- private_key_jwt assertion ids already used, kept until the assertion expires: a replay is refused by every instance,
-- also after a restart (RFC 7523 section 3).
create table client_assertion_jti (
    client_id  text        not null,
    jti        text        not null,
    expires_at timestamptz not null,
    primary key (client_id, jti)
);
create index client_assertion_jti_expiry_idx on client_assertion_jti (expires_at);
