package io.nexidentity.token.key;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * An immutable view of one issuer's keys: the signer of each algorithm, the verifiers of every published key, and the
 * JWKS document served to relying parties, and the algorithm access tokens are signed with unless their client chose one. Replaced as a whole when keys change; {@code version} names the keys and
 * their states, so that a reload rebuilds only the rings whose keys changed.
 */
public record KeyRing(
        Map<JWSAlgorithm, Signer> signers,
        Map<String, Verifier> verifiers,
        String jwks,
        JWSAlgorithm accessTokenAlg,
        String version) {

    public static final KeyRing EMPTY =
            new KeyRing(Map.of(), Map.of(), "{\"keys\":[]}", SigningPolicies.DEFAULT_ALG, "");

    /**
     * @param chosen the algorithm the tenant chose for its access tokens: they are signed with it once a key of it
     *     signs (published ahead first), with the default until then
     */
    public static KeyRing of(
            List<Signer> signers,
            List<JWK> published,
            Map<String, Verifier> verifiers,
            JWSAlgorithm chosen,
            String version) {
        var byAlg = new HashMap<JWSAlgorithm, Signer>();
        signers.forEach(signer -> byAlg.put(signer.alg(), signer));
        return new KeyRing(
                Map.copyOf(byAlg),
                Map.copyOf(verifiers),
                new JWKSet(published).toString(true),
                byAlg.containsKey(chosen) ? chosen : SigningPolicies.DEFAULT_ALG,
                version);
    }

    public Optional<Signer> signer(JWSAlgorithm alg) {
        return Optional.ofNullable(signers.get(alg));
    }

    public Optional<Verifier> verifier(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(verifiers.get(kid));
    }

    public record Signer(String kid, JWSAlgorithm alg, JWSSigner signer) {}

    public record Verifier(String kid, JWSAlgorithm alg, JWSVerifier verifier) {}
}
