-- A token family is everything issued from one user authorization (a redeemed code or an approved device): its access
-- tokens and its rotating refresh tokens. Revoking it (a replay, logout, the user disabled) is one update of its row;
-- issuing into it takes a share lock on that row and checks it is live, so an issuance and a revocation that race are
-- ordered: either the revocation sees what was issued, or the issuance sees the revocation.
create table token_family (
    id          text primary key,
    tenant_id   uuid        not null,
    user_id     uuid        not null,
    client_id   text        not null,
    -- the single sign-on session it belongs to; ending the session revokes it unless it is offline (OIDC Core 11)
    sid         text,
    auth_time   timestamptz not null,
    offline     boolean     not null,
    created_at  timestamptz not null,
    -- no refresh token of the family outlives this, however often it is rotated
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index token_family_sid_idx on token_family (sid) where revoked_at is null;
create index token_family_user_idx on token_family (user_id) where revoked_at is null;
create index token_family_expiry_idx on token_family (expires_at);
-- A user's live sessions are ended together when the user is disabled or deleted, or changes password.
create index sso_session_user_idx on sso_session (user_id) where ended_at is null;

-- Access tokens issued into a family, so that revoking the family revokes them too.
create table family_access_token (
    family_id  text        not null references token_family (id) on delete cascade,
    jti        text        not null,
    expires_at timestamptz not null,
    primary key (family_id, jti)
);

-- Refresh tokens (keyed hashes), rotated on every use: a spent one presented again revokes its family. Tokens issued
-- before families existed are not carried over (their users sign in again).
drop table refresh_token;
create table refresh_token (
    token_hash text primary key,
    family_id  text        not null references token_family (id) on delete cascade,
    scope      text        not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index refresh_token_family_idx on refresh_token (family_id);

-- A redeemed code names the family it started; a replay of the code revokes that family.
alter table authorization_code drop column issued_jti, drop column issued_expires_at, drop column refresh_family;
alter table authorization_code add column family_id text;
