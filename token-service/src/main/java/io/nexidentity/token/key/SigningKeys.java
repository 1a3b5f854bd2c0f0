package io.nexidentity.token.key;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import io.nexidentity.token.key.KeyRing.Signer;
import io.nexidentity.token.key.KeyRing.Verifier;
import io.nexidentity.token.key.SigningKey.KeyStatus;

/** The current key ring, rebuilt from the database whenever keys change; reads are lock-free. */
@ApplicationScoped
public class SigningKeys {

    private final SigningKeyRepository keys;
    private final KeySealer sealer;
    private final SignatureProvider provider;
    private volatile KeyRing ring = new KeyRing(Map.of(), Map.of(), "{\"keys\":[]}");

    SigningKeys(SigningKeyRepository keys, KeySealer sealer, SignatureProvider provider) {
        this.keys = keys;
        this.sealer = sealer;
        this.provider = provider;
    }

    public KeyRing ring() {
        return ring;
    }

    @WithSession
    public Uni<KeyRing> reload() {
        return keys.live().map(live -> {
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
            ring = KeyRing.of(signers, published, verifiers);
            return ring;
        });
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

    static List<JWSAlgorithm> algorithms() {
        return List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    }
}
