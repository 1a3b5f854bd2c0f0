package io.nexidentity.token.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.SigningKeyChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.key.SigningKey.KeyStatus;

/**
 * Keeps each tenant's signing keys (one per algorithm: RS256 and ES256, and PS256 or EdDSA when the tenant chose it
 * for its access tokens) on schedule: a tenant's first keys are created
 * when its issuer is first used; a new key is created and published {@code publish-ahead} before the active one has
 * signed for {@code rotation-period}; when its time comes it signs, and the old key stays published (retired) until
 * every token it signed has expired, then it is dropped. The shared issuer's keys of old sign nothing more and are
 * dropped the same way. Each tenant's steps run under a lock of that tenant (any instance may take them, one at a
 * time); keys are generated outside transactions and event loops: the methods here block.
 */
@ApplicationScoped
public class SigningKeyRotator {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(SigningKeyRotator.class);

    private final SigningKeyRepository keys;
    private final SigningKeys rings;
    private final SigningPolicies policies;
    private final KeySealer sealer;
    private final OutboxWriter outbox;
    private final TokenConfig config;
    private final Clock clock;

    SigningKeyRotator(
            SigningKeyRepository keys,
            SigningKeys rings,
            SigningPolicies policies,
            KeySealer sealer,
            OutboxWriter outbox,
            TokenConfig config,
            Clock clock) {
        this.keys = keys;
        this.rings = rings;
        this.policies = policies;
        this.sealer = sealer;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        check(clock.instant());
    }

    @Scheduled(
            every = "${nexid.token.keys.check-interval:30s}",
            delayed = "${nexid.token.keys.check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        check(clock.instant());
    }

    /** Takes every step due at {@code now}, then reloads the rings of this instance whose keys changed. */
    public void check(Instant now) {
        var rotateFrom =
                now.minus(config.keys().rotationPeriod()).plus(config.keys().publishAhead());
        var due = new LinkedHashSet<UUID>(await(() -> Panache.withSession(() -> keys.due(now, rotateFrom))));
        due.addAll(await(() -> Panache.withSession(keys::choiceDue)));
        for (var tenant : due) {
            try {
                advance(tenant, now);
            } catch (RuntimeException e) {
                // one tenant's trouble (its choice unreadable, a lost race) must not hold up the others' keys
                LOG.warnf("the keys of tenant %s were not stepped at this check: %s", tenant, e.toString());
            }
        }
        await(rings::reload);
    }

    /** The tenant's ring, its first keys created if it has none yet. */
    public KeyRing ensure(UUID tenantId) {
        advance(tenantId, clock.instant());
        return await(() -> rings.load(tenantId));
    }

    private void advance(UUID tenant, Instant now) {
        var chosen = tenant == null ? null : await(() -> policies.accessTokenAlg(tenant));
        var missing = await(() -> locked(tenant, live -> steps(tenant, live, chosen, now)));
        if (missing.isEmpty()) {
            return;
        }
        var generated = missing.stream().map(key -> generate(key, now)).toList();
        await(() -> locked(
                tenant,
                live -> Multi.createFrom()
                        .iterable(generated)
                        .filter(key -> live.stream()
                                .noneMatch(existing -> existing.alg.equals(key.alg) && existing.status == key.status))
                        .onItem()
                        .transformToUniAndConcatenate(key -> keys.persist(key).call(saved -> announce(key, now)))
                        .collect()
                        .asList()));
    }

    /** Runs {@code work} on the tenant's live keys in a transaction holding the tenant's lock. */
    private <T> Uni<T> locked(UUID tenant, Function<List<SigningKey>, Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock(?1)")
                        .setParameter(1, lockOf(tenant))
                        .getSingleResult())
                .flatMap(locked -> keys.live(tenant))
                .flatMap(live -> work.apply(live)));
    }

    /**
     * Takes the steps that need no new key; answers the keys to create. A tenant keys the algorithms every issuer keeps
     * and the one it chose for its access tokens; a key of a chosen algorithm new to an issuer relying parties already
     * know is published ahead like a rotation's, and one of an algorithm no longer chosen is retired.
     */
    private Uni<List<NewKey>> steps(UUID tenant, List<SigningKey> live, JWSAlgorithm chosen, Instant now) {
        var missing = new ArrayList<NewKey>();
        Uni<Void> steps = Uni.createFrom().voidItem();
        var wanted = new LinkedHashSet<>(SigningKeys.always());
        if (chosen != null) {
            wanted.add(chosen);
        }
        var algorithms = new LinkedHashSet<>(wanted);
        live.forEach(key -> SigningPolicies.supported(key.alg).ifPresent(algorithms::add));
        var known = live.stream().anyMatch(key -> key.status == KeyStatus.ACTIVE);
        for (var alg : algorithms) {
            var ofAlg =
                    live.stream().filter(key -> key.alg.equals(alg.getName())).toList();
            var active = ofAlg.stream()
                    .filter(key -> key.status == KeyStatus.ACTIVE)
                    .findFirst()
                    .orElse(null);
            var next = ofAlg.stream()
                    .filter(key -> key.status == KeyStatus.NEXT)
                    .findFirst()
                    .orElse(null);
            for (var retired : ofAlg) {
                if (retired.status == KeyStatus.RETIRED && !retired.publishedUntil.isAfter(now)) {
                    retired.status = KeyStatus.EXPIRED;
                    retired.privateKeySealed = null;
                    steps = steps.call(() -> announce(retired, now));
                }
            }
            if (tenant == null || !wanted.contains(alg)) {
                for (var signing : ofAlg) {
                    if (signing.status == KeyStatus.ACTIVE || signing.status == KeyStatus.NEXT) {
                        steps = steps.call(() -> retire(signing, now));
                    }
                }
            } else if (active == null && next == null) {
                missing.add(
                        known && !SigningKeys.always().contains(alg)
                                ? new NewKey(
                                        tenant,
                                        alg,
                                        KeyStatus.NEXT,
                                        now.plus(config.keys().publishAhead()))
                                : new NewKey(tenant, alg, KeyStatus.ACTIVE, now));
            } else if (active == null) {
                if (!now.isBefore(next.activatesAt)) {
                    next.status = KeyStatus.ACTIVE;
                    steps = steps.call(() -> announce(next, now));
                }
            } else if (next == null) {
                var rotationDue = active.activatesAt.plus(config.keys().rotationPeriod());
                if (!now.isBefore(rotationDue.minus(config.keys().publishAhead()))) {
                    missing.add(new NewKey(
                            tenant,
                            alg,
                            KeyStatus.NEXT,
                            later(rotationDue, now.plus(config.keys().publishAhead()))));
                }
            } else if (!now.isBefore(next.activatesAt)) {
                // the retirement is written first: at no moment may two keys of an algorithm sign (V13)
                steps = steps.call(() -> retire(active, now))
                        .call(() -> Panache.getSession().flatMap(session -> session.flush()))
                        .invoke(() -> next.status = KeyStatus.ACTIVE)
                        .call(() -> announce(next, now));
            }
        }
        return steps.replaceWith(missing);
    }

    private Uni<Void> retire(SigningKey key, Instant now) {
        key.status = KeyStatus.RETIRED;
        key.retiredAt = now;
        key.publishedUntil = now.plus(config.accessTokenLifetime()).plus(CLOCK_SKEW);
        return announce(key, now);
    }

    private Uni<Void> announce(SigningKey key, Instant now) {
        return outbox.append(
                        AuthEvents.SIGNING_KEY_ROTATED,
                        key.kid,
                        key.tenantId == null ? null : key.tenantId.toString(),
                        new SigningKeyChanged(
                                key.kid, key.alg, key.status.name().toLowerCase(Locale.ROOT), now))
                .replaceWithVoid();
    }

    private <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant's advisory lock; two tenants sharing one only wait for each other. */
    private static long lockOf(UUID tenant) {
        return tenant == null ? 0x6e657869642d6bL : tenant.getMostSignificantBits() ^ tenant.getLeastSignificantBits();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private SigningKey generate(NewKey wanted, Instant now) {
        var alg = wanted.alg();
        var kid = alg.getName().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
        var jwk = generate(alg, kid);
        var key = new SigningKey();
        key.kid = kid;
        key.tenantId = wanted.tenant();
        key.alg = alg.getName();
        key.status = wanted.status();
        key.publicJwk = jwk.toPublicJWK().toJSONString();
        key.privateKeySealed = sealer.seal(kid, jwk.toJSONString());
        key.createdAt = now;
        key.activatesAt = wanted.activatesAt();
        return key;
    }

    private static JWK generate(JWSAlgorithm alg, String kid) {
        try {
            if (JWSAlgorithm.Family.RSA.contains(alg)) {
                return new RSAKeyGenerator(2048)
                        .keyID(kid)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(alg)
                        .generate();
            }
            if (JWSAlgorithm.EdDSA.equals(alg)) {
                return new OctetKeyPairGenerator(Curve.Ed25519)
                        .keyID(kid)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(alg)
                        .generate();
            }
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(alg)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
    }

    /** A key a tenant lacks: generated (CPU-heavy) outside any transaction, once it is known to be needed. */
    private record NewKey(UUID tenant, JWSAlgorithm alg, KeyStatus status, Instant activatesAt) {}
}
