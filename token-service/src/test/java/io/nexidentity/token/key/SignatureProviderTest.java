package io.nexidentity.token.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

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

    @Test
    void providerWhenNativeCryptoIsTurnedOffThenTheJdksProvidersSign() throws Exception {
        var signatures = new SignatureProvider(false);
        assertThat(signatures.provider()).isEmpty();

        var ec = new ECKeyGenerator(Curve.P_256).generate();
        assertThat(sign(JWSAlgorithm.ES256, signatures.signer(ec)).verify(signatures.verifier(ec.toPublicJWK())))
                .isTrue();
    }

    private static JWSObject sign(JWSAlgorithm alg, JWSSigner signer) throws Exception {
        var jws = new JWSObject(new JWSHeader(alg), new Payload("{\"sub\":\"nxc-1\"}"));
        jws.sign(signer);
        return JWSObject.parse(jws.serialize());
    }
}
