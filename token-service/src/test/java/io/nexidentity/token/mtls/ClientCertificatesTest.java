package io.nexidentity.token.mtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

/** Resource-side check of certificate-bound tokens (RFC 8705 section 3), as the userinfo endpoint applies it. */
class ClientCertificatesTest {

    @Test
    void boundTokenWhenPresentedOverTlsThenOnlyWithTheBoundCertificate() throws Exception {
        var holder = TestCertificates.selfSigned("CN=holder");
        var bound = new JWTClaimsSet.Builder()
                .claim("cnf", ClientCertificates.confirmation(ClientCertificates.thumbprint(holder.leaf())))
                .build();

        assertThat(ClientCertificates.bindingHolds(bound, holder.chain())).isTrue();
        assertThat(ClientCertificates.bindingHolds(
                        bound, TestCertificates.selfSigned("CN=holder").chain()))
                .isFalse();
        assertThat(ClientCertificates.bindingHolds(bound, null)).isFalse();
    }

    @Test
    void unboundTokenWhenPresentedAnywhereThenUsable() throws Exception {
        var unbound = new JWTClaimsSet.Builder().subject("someone").build();

        assertThat(ClientCertificates.bindingHolds(unbound, null)).isTrue();
        assertThat(ClientCertificates.bindingHolds(
                        unbound, TestCertificates.selfSigned("CN=x").chain()))
                .isTrue();
    }
}
