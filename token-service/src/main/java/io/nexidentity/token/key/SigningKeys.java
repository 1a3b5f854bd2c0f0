package io.nexidentity.token.key;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.nexidentity.token.key.KeyRing.Signer;
import io.nexidentity.token.key.KeyRing.Verifier;
import io.nexidentity.token.key.SigningKey.KeyStatus;
import io.nexidentity.token.key.SigningKeyRepository.KeyState;

/**
 * The key rings this instance serves from memory: one per tenant that has been asked for, loaded on its first use, and
 * the shared issuer's of old (null tenant) while its keys are still published. Reads are lock-free.
 */
@ApplicationScoped
public class SigningKeys {

    private static final UUID SHARED = new UUID(0, 0);

    private final SigningKeyRepository keys;
    private final SigningPolicies policies;
    private final KeySealer sealer;
    private final SignatureProvider provider;
    private final Map<UUID, KeyRing> rings = new ConcurrentHashMap<>();

    SigningKeys(SigningKeyRepository keys, SigningPolicies policies, KeySealer sealer, SignatureProvider provider) {
        this.keys = keys;
        this.policies = policies;
        this.sealer = sealer;
        this.provider = provider;
        rings.put(SHARED, KeyRing.EMPTY);
    }

    /** The tenant's ring, or null when this instance has not loaded it yet. */
    public KeyRing ring(UUID tenantId) {
        return rings.get(tenantId);
    }

    /** The keys of the shared issuer of old, published until the tokens they signed have expired. */
    public KeyRing shared() {
        return rings.get(SHARED);
    }

    /** Loads (or reloads) one tenant's ring. */
    @WithSession
    public Uni<KeyRing> load(UUID tenantId) {
        return policies.accessTokenAlg(tenantId)
                .flatMap(chosen -> keys.live(tenantId).map(live -> {
                    var ring = build(live, chosen);
                    rings.put(key(tenantId), ring);
                    return ring;
                }));
    }

    /**
     * Rebuilds every loaded ring whose keys changed (another instance rotated them, or this one did) or whose tenant
     * chose another access-token algorithm.
     */
    @WithSession
    public Uni<Void> reload() {
        return keys.states()
                .flatMap(states -> keys.chosenAlgorithms().flatMap(chosen -> {
                    var versions = states.stream()
                            .collect(Collectors.groupingBy(
                                    state -> key(state.tenantId()),
                                    Collectors.collectingAndThen(Collectors.toList(), SigningKeys::version)));
                    var changed = rings.entrySet().stream()
                            .filter(ring -> !Objects.equals(
                                    version(versions.getOrDefault(ring.getKey(), ""), chosen(chosen, ring.getKey())),
                                    ring.getValue().version()))
                            .map(Map.Entry::getKey)
                            .toList();
                    return Multi.createFrom()
                            .iterable(changed)
                            .onItem()
                            .transformToUniAndConcatenate(tenant -> keys.live(SHARED.equals(tenant) ? null : tenant)
                                    .invoke(live -> rings.put(tenant, build(live, chosen(chosen, tenant)))))
                            .collect()
                            .last()
                            .replaceWithVoid();
                }));
    }

    private static JWSAlgorithm chosen(Map<UUID, String> chosen, UUID tenant) {
        return SigningPolicies.supported(chosen.get(tenant)).orElse(SigningPolicies.DEFAULT_ALG);
    }

    private KeyRing build(List<SigningKey> live, JWSAlgorithm chosen) {
        var signers = new ArrayList<Signer>();
        var published = new ArrayList<JWK>();
        var verifiers = new HashMap<String, Verifier>();
        for (var key : live) {
            var publicJwk = parse(key.publicJwk);
            var alg = JWSAlgorithm.parse(key.alg);
            published.add(publicJwk);
            verifiers.put(key.kid, new Verifier(key.kid, alg, verifier(publicJwk)));
            if (key.status == KeyStatus.ACTIVE) {
                signers.add(new Signer(key.kid, alg, signer(parse(sealer.open(key.kid, key.privateKeySealed)))));
            }
        }
        var states = live.stream()
                .map(key -> new KeyState(key.tenantId, key.kid, key.status))
                .toList();
        return KeyRing.of(signers, published, verifiers, chosen, version(version(states), chosen));
    }

    private static String version(Collection<KeyState> states) {
        return states.stream()
                .map(state -> state.kid() + ":" + state.status())
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String version(String keys, JWSAlgorithm chosen) {
        return keys + "|" + chosen.getName();
    }

    private static UUID key(UUID tenantId) {
        return tenantId == null ? SHARED : tenantId;
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable signing key", e);
        }
    }

    private JWSSigner signer(JWK key) {
        try {
            return provider.signer(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWSVerifier verifier(JWK key) {
        try {
            return provider.verifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an issuer can sign with. */
    static List<JWSAlgorithm> algorithms() {
        return List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);
    }

    /** What every tenant's issuer signs with, chosen or not: the defaults of clients and ID tokens. */
    public static List<JWSAlgorithm> always() {
        return List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    }
}
