package io.nexidentity.audit.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import io.nexidentity.audit.config.AuditConfig;

/**
 * Signs tenants' chain heads with the audit key (Ed25519, a compact JWS with {@code alg} EdDSA, RFC 8037): the tenant,
 * chain index, hash and time. A tenant exports its signed heads; whoever keeps one can later have it checked against
 * the store ({@link #check}), which tells a rewrite of anything up to that index apart even when every hash in the
 * database was recomputed. Heads are signed on a schedule when they moved; replicas signing the same head store it once.
 */
@ApplicationScoped
public class ChainHeadSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Pool pool;
    private final ObjectMapper mapper;
    private final Ed25519PrivateKeyParameters key;
    private final String keyId;
    private final Clock clock;

    ChainHeadSigner(Pool pool, ObjectMapper mapper, AuditConfig config, Clock clock) {
        this.pool = pool;
        this.mapper = mapper;
        var seed = Base64.getDecoder().decode(config.headSigningKey());
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalStateException("nexid.audit.head-signing-key must be 32 bytes, base64");
        }
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.keyId = "audit-" + HexFormat.of().formatHex(key.generatePublicKey().getEncoded(), 0, 8);
        this.clock = clock;
    }

    @Scheduled(
            every = "${nexid.audit.head-signing-interval}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return signMovedHeads().replaceWithVoid();
    }

    /** Signs every tenant's head that moved since it was last signed; returns how many were signed. */
    public Uni<Integer> signMovedHeads() {
        return pool.query("select h.tenant_id, h.last_index, h.last_hash from audit_chain_head h where h.last_index > 0"
                        + " and not exists (select 1 from audit_signed_head s where s.tenant_id = h.tenant_id"
                        + " and s.chain_index = h.last_index)")
                .execute()
                .flatMap(rows -> {
                    var tenants = new ArrayList<UUID>();
                    var indexes = new ArrayList<Long>();
                    var hashes = new ArrayList<String>();
                    var times = new ArrayList<OffsetDateTime>();
                    var signatures = new ArrayList<String>();
                    var now = clock.instant();
                    for (var row : rows) {
                        var head = new SignedHead(
                                row.getUUID("tenant_id"),
                                row.getLong("last_index"),
                                row.getString("last_hash"),
                                now,
                                null);
                        tenants.add(head.tenantId());
                        indexes.add(head.chainIndex());
                        hashes.add(head.hash());
                        times.add(now.atOffset(ZoneOffset.UTC));
                        signatures.add(sign(head));
                    }
                    if (tenants.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return pool.preparedQuery(
                                    "insert into audit_signed_head (tenant_id, chain_index, hash, signed_at, jws)"
                                            + " select * from unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[],"
                                            + " $5::text[]) on conflict do nothing")
                            .execute(Tuple.of(
                                    tenants.toArray(UUID[]::new),
                                    indexes.toArray(Long[]::new),
                                    hashes.toArray(String[]::new),
                                    times.toArray(OffsetDateTime[]::new),
                                    signatures.toArray(String[]::new)))
                            .map(inserted -> inserted.rowCount());
                });
    }

    /** A tenant's signed heads, newest first. */
    public Uni<List<SignedHead>> heads(UUID tenantId, int limit) {
        return pool.preparedQuery(
                        "select * from audit_signed_head where tenant_id = $1 order by chain_index desc limit $2")
                .execute(Tuple.of(tenantId, limit))
                .map(rows -> {
                    var heads = new ArrayList<SignedHead>();
                    rows.forEach(row -> heads.add(new SignedHead(
                            row.getUUID("tenant_id"),
                            row.getLong("chain_index"),
                            row.getString("hash"),
                            row.getOffsetDateTime("signed_at").toInstant(),
                            row.getString("jws"))));
                    return heads;
                });
    }

    /** The public key heads are signed with, as a JWK set (OKP, Ed25519). */
    public Map<String, Object> jwks() {
        return Map.of(
                "keys",
                List.of(Map.of(
                        "kty", "OKP",
                        "crv", "Ed25519",
                        "use", "sig",
                        "alg", "EdDSA",
                        "kid", keyId,
                        "x", BASE64URL.encodeToString(key.generatePublicKey().getEncoded()))));
    }

    /**
     * Checks a signed head someone kept against the store: its signature must be the audit key's, it must be about
     * {@code tenantId}, and the stored event at its index must still carry its hash. Empty when it holds; otherwise
     * what does not.
     */
    public Uni<Optional<String>> check(UUID tenantId, String jws) {
        var head = verified(jws);
        if (head.isEmpty()) {
            return Uni.createFrom().item(Optional.of("the signed head is not signed with the audit key"));
        }
        if (!head.get().tenantId().equals(tenantId)) {
            return Uni.createFrom().item(Optional.of("the signed head is about another tenant"));
        }
        return pool.preparedQuery("select hash from audit_event where tenant_id = $1 and chain_index = $2")
                .execute(Tuple.of(tenantId, head.get().chainIndex()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.of("event " + head.get().chainIndex() + " is no longer stored");
                    }
                    return head.get().hash().equals(rows.iterator().next().getString(0))
                            ? Optional.<String>empty()
                            : Optional.of("event " + head.get().chainIndex() + " no longer has the signed hash: the"
                                    + " chain was rewritten up to it");
                });
    }

    private String sign(SignedHead head) {
        var header = encode(Map.of("alg", "EdDSA", "kid", keyId, "typ", "nexid-audit-head+jwt"));
        var payload = encode(Map.of(
                "tenant_id", head.tenantId().toString(),
                "chain_index", head.chainIndex(),
                "hash", head.hash(),
                "signed_at", head.signedAt().getEpochSecond()));
        var input = (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        var signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(input, 0, input.length);
        return header + "." + payload + "." + BASE64URL.encodeToString(signer.generateSignature());
    }

    private Optional<SignedHead> verified(String jws) {
        try {
            var parts = jws.split("\\.");
            if (parts.length != 3) {
                return Optional.empty();
            }
            var input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            var verifier = new Ed25519Signer();
            verifier.init(
                    false,
                    new Ed25519PublicKeyParameters(key.generatePublicKey().getEncoded(), 0));
            verifier.update(input, 0, input.length);
            if (!verifier.verifySignature(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            var header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"EdDSA".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            var claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return Optional.of(new SignedHead(
                    UUID.fromString(claims.path("tenant_id").asText()),
                    claims.path("chain_index").asLong(),
                    claims.path("hash").asText(),
                    Instant.ofEpochSecond(claims.path("signed_at").asLong()),
                    jws));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(mapper.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chain head as signed: the tenant's chain up to {@code chainIndex} ends in {@code hash}. */
    public record SignedHead(UUID tenantId, long chainIndex, String hash, Instant signedAt, String jws) {}
}
