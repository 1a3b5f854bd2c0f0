-- Authorization requests waiting for the user to sign in (any instance may receive the sign-in form).
create table authorization_request (
    id             text primary key,
    csrf_token     text        not null,
    client_id      text        not null,
    tenant_id      uuid        not null,
    redirect_uri   text        not null,
    scope          text        not null,
    state          text,
    nonce          text,
    code_challenge text        not null,
    max_age        integer,
    login_hint     text,
    expires_at     timestamptz not null
);

-- Single sign-on sessions; the browser holds the cookie value, this table only its SHA-256.
create table sso_session (
    id_hash    text primary key,
    sid        text        not null unique,
    tenant_id  uuid        not null,
    user_id    uuid        not null,
    auth_time  timestamptz not null,
    expires_at timestamptz not null,
    ended_at   timestamptz
);

-- Authorization codes (as SHA-256): single use, bound to client, redirect URI and PKCE challenge. A redeemed code
-- remembers what it issued, so a replay can revoke it.
create table authorization_code (
    code_hash         text primary key,
    client_id         text        not null,
    tenant_id         uuid        not null,
    user_id           uuid        not null,
    redirect_uri      text        not null,
    scope             text        not null,
    nonce             text,
    code_challenge    text        not null,
    sid               text        not null,
    auth_time         timestamptz not null,
    expires_at        timestamptz not null,
    redeemed_at       timestamptz,
    issued_jti        text,
    issued_expires_at timestamptz,
    refresh_family    text
);

-- Refresh tokens (as SHA-256), rotated on every use; a family is everything rotated from one authorization. Using
-- a rotated token again revokes its whole family.
create table refresh_token (
    token_hash  text primary key,
    family_id   text        not null,
    client_id   text        not null,
    tenant_id   uuid        not null,
    user_id     uuid        not null,
    scope       text        not null,
    sid         text        not null,
    auth_time   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    issued_jti  text,
    issued_expires_at timestamptz
);
create index refresh_token_family_idx on refresh_token (family_id);
