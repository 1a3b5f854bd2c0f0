-- At most one signing and one published-ahead key per tenant and algorithm, whoever writes: a backstop for the
-- rotator's per-tenant lock (and for instances of an older release during an upgrade, whose writes it refuses).
create unique index signing_key_one_active on signing_key (tenant_id, alg) where status = 'ACTIVE';
create unique index signing_key_one_next on signing_key (tenant_id, alg) where status = 'NEXT';
