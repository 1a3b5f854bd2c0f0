package io.nexidentity.token.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.SigningKeyChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.key.SigningKey.KeyStatus;

/**
 * Keeps one signing key per algorithm (RS256, ES256) on schedule: a new key is created and published {@code
 * publish-ahead} before the active one has signed for {@code rotation-period}; when its time comes it signs, and the old
 * key stays published (retired) until every token it signed has expired, then it is dropped. One instance at a time
 * acts (advisory lock); every instance reloads the key ring.
 */
@ApplicationScoped
public class SigningKeyRotator {

    private static final long ROTATION_LOCK = 0x6e657869642d6bL;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final SigningKeyRepository keys;
    private final SigningKeys ring;
    private final KeySealer sealer;
    private final OutboxWriter outbox;
    private final TokenConfig config;
    private final Clock clock;

    SigningKeyRotator(
            SigningKeyRepository keys,
            SigningKeys ring,
            KeySealer sealer,
            OutboxWriter outbox,
            TokenConfig config,
            Clock clock) {
        this.keys = keys;
        this.ring = ring;
        this.sealer = sealer;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> check(clock.instant()));
    }

    @Scheduled(
            every = "${nexid.token.keys.check-interval:30s}",
            delayed = "${nexid.token.keys.check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return check(clock.instant()).replaceWithVoid();
    }

    /** Brings the keys to where the schedule wants them at {@code now}, then reloads the ring. */
    public Uni<KeyRing> check(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(
                                        "select pg_try_advisory_xact_lock(?1)", Boolean.class)
                                .setParameter(1, ROTATION_LOCK)
                                .getSingleResult())
                        .flatMap(locked -> locked
                                ? keys.live()
                                        .flatMap(live -> Multi.createFrom()
                                                .iterable(SigningKeys.algorithms())
                                                .onItem()
                                                .transformToUniAndConcatenate(alg -> advance(alg, live, now))
                                                .collect()
                                                .asList())
                                : Uni.createFrom().item(List.of())))
                .flatMap(done -> ring.reload());
    }

    private Uni<Void> advance(JWSAlgorithm alg, List<SigningKey> live, Instant now) {
        var ofAlg = live.stream().filter(key -> key.alg.equals(alg.getName())).toList();
        var active = ofAlg.stream()
                .filter(key -> key.status == KeyStatus.ACTIVE)
                .findFirst()
                .orElse(null);
        var next = ofAlg.stream()
                .filter(key -> key.status == KeyStatus.NEXT)
                .findFirst()
                .orElse(null);
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (var retired : ofAlg) {
            if (retired.status == KeyStatus.RETIRED && !retired.publishedUntil.isAfter(now)) {
                retired.status = KeyStatus.EXPIRED;
                retired.privateKeySealed = null;
                steps = steps.call(() -> announce(retired, now));
            }
        }
        if (active == null) {
            return steps.call(() -> create(alg, KeyStatus.ACTIVE, now, now));
        }
        var rotationDue = active.activatesAt.plus(config.keys().rotationPeriod());
        if (next == null && !now.isBefore(rotationDue.minus(config.keys().publishAhead()))) {
            var activatesAt = later(rotationDue, now.plus(config.keys().publishAhead()));
            return steps.call(() -> create(alg, KeyStatus.NEXT, now, activatesAt));
        }
        if (next != null && !now.isBefore(next.activatesAt)) {
            next.status = KeyStatus.ACTIVE;
            active.status = KeyStatus.RETIRED;
            active.retiredAt = now;
            active.publishedUntil = now.plus(config.accessTokenLifetime()).plus(CLOCK_SKEW);
            return steps.call(() -> announce(active, now)).call(() -> announce(next, now));
        }
        return steps;
    }

    private Uni<Void> create(JWSAlgorithm alg, KeyStatus status, Instant now, Instant activatesAt) {
        var kid = alg.getName().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
        var jwk = generate(alg, kid);
        var key = new SigningKey();
        key.kid = kid;
        key.alg = alg.getName();
        key.status = status;
        key.publicJwk = jwk.toPublicJWK().toJSONString();
        key.privateKeySealed = sealer.seal(kid, jwk.toJSONString());
        key.createdAt = now;
        key.activatesAt = activatesAt;
        return keys.persist(key).call(saved -> announce(key, now)).replaceWithVoid();
    }

    private Uni<Void> announce(SigningKey key, Instant now) {
        return outbox.append(
                        AuthEvents.SIGNING_KEY_ROTATED,
                        key.kid,
                        null,
                        new SigningKeyChanged(
                                key.kid, key.alg, key.status.name().toLowerCase(Locale.ROOT), now))
                .replaceWithVoid();
    }

    private static JWK generate(JWSAlgorithm alg, String kid) {
        try {
            return JWSAlgorithm.RS256.equals(alg)
                    ? new RSAKeyGenerator(2048)
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(alg)
                            .generate()
                    : new ECKeyGenerator(Curve.P_256)
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(alg)
                            .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
