package io.nexidentity.token.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens are signed natively on the platforms the service ships for (Linux on x86-64 and ARM), and what the native
 * code signs verifies with the JDK's own providers, as relying parties' libraries do.
 */
class SignatureProviderTest {

    @Test
    void providerWhenNativeCryptoLoadsThenItsSignaturesVerifyWithTheJdksProvidersAndTheirsWithIt() throws Exception {
        var signatures = new SignatureProvider(true);
        assertThat(signatures.provider()).map(Provider::getName).contains("AmazonCorrettoCryptoProvider");

        var rsa = new RSAKeyGenerator(2048).generate();
        var ec = new ECKeyGenerator(Curve.P_256).generate();
        var rs256 = sign(JWSAlgorithm.RS256, signatures.signer(rsa));
        var es256 = sign(JWSAlgorithm.ES256, signatures.signer(ec));

        assertThat(rs256.verify(new RSASSAVerifier(rsa.toPublicJWK()))).isTrue();
        assertThat(es256.verify(new ECDSAVerifier(ec.toPublicJWK()))).isTrue();
        var forged = JWSObject.parse(
                es256.serialize().replaceFirst("\\.[^.]+\\.", "." + new Payload("{}").toBase64URL() + "."));
        assertThat(forged.verify(new ECDSAVerifier(ec.toPublicJWK()))).isFalse();
        assertThat(rs256.verify(signatures.verifier(rsa.toPublicJWK()))).isTrue();
        assertThat(es256.verify(signatures.verifier(ec.toPublicJWK()))).isTrue();
        assertThat(forged.verify(signatures.verifier(ec.toPublicJWK()))).isFalse();
    }

    /**
     * The algorithms a tenant may choose besides: PS256 (native where the provider has it) and EdDSA (Tink), checked
     * by an independent verifier (the JDK's RSASSA-PSS; nimbus over Tink for Ed25519) and refusing a tampered payload.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void providerWhenChosenAlgorithmsThenSignaturesVerifyIndependently(boolean nativeCrypto) throws Exception {
        var signatures = new SignatureProvider(nativeCrypto);
        var rsa = new RSAKeyGenerator(2048).generate();
        var ed = new OctetKeyPairGenerator(Curve.Ed25519).generate();

        var ps256 = sign(JWSAlgorithm.PS256, signatures.signer(rsa));
        var eddsa = sign(JWSAlgorithm.EdDSA, signatures.signer(ed));

        assertThat(ps256.verify(new RSASSAVerifier(rsa.toPublicJWK()))).isTrue();
        assertThat(eddsa.verify(new Ed25519Verifier(ed.toPublicJWK()))).isTrue();
        assertThat(ps256.verify(signatures.verifier(rsa.toPublicJWK()))).isTrue();
        assertThat(eddsa.verify(signatures.verifier(ed.toPublicJWK()))).isTrue();
        assertThat(tampered(ps256).verify(signatures.verifier(rsa.toPublicJWK())))
                .isFalse();
        assertThat(tampered(eddsa).verify(signatures.verifier(ed.toPublicJWK())))
                .isFalse();
    }

    @Test
    void providerWhenNativeCryptoIsTurnedOffThenTheJdksProvidersSign() throws Exception {
        var signatures = new SignatureProvider(false);
        assertThat(signatures.provider()).isEmpty();

        var ec = new ECKeyGenerator(Curve.P_256).generate();
        assertThat(sign(JWSAlgorithm.ES256, signatures.signer(ec)).verify(signatures.verifier(ec.toPublicJWK())))
                .isTrue();
    }

    private static JWSObject tampered(JWSObject jws) throws Exception {
        return JWSObject.parse(
                jws.serialize().replaceFirst("\\.[^.]+\\.", "." + new Payload("{}").toBase64URL() + "."));
    }

    private static JWSObject sign(JWSAlgorithm alg, JWSSigner signer) throws Exception {
        var jws = new JWSObject(new JWSHeader(alg), new Payload("{\"sub\":\"nxc-1\"}"));
        jws.sign(signer);
        return JWSObject.parse(jws.serialize());
    }
}
