-- Signing keys: private parts only as AES-GCM ciphertext. NEXT keys are published before they sign; RETIRED keys stay
-- published until every token they signed has expired; EXPIRED keys are gone from the JWKS and lose their private part.
create table signing_key (
    kid                  text primary key,
    alg                  text        not null,
    status               text        not null,
    public_jwk           text        not null,
    private_key_sealed   text,
    created_at           timestamptz not null,
    activates_at         timestamptz not null,
    retired_at           timestamptz,
    published_until      timestamptz
);

-- Clients (client-service clients and tenant bootstrap clients) as this service authenticates them.
create table projected_client (
    id     text primary key,
    record text        not null,
    as_of  timestamptz not null
);

create table projected_application (
    id     text primary key,
    record text        not null,
    as_of  timestamptz not null
);

-- Access tokens revoked before they expire (RFC 7009); rows can go once the token has expired.
create table revoked_token (
    jti        text primary key,
    expires_at timestamptz not null
);
