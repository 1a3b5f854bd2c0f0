package io.nexidentity.token.clientauth;

import java.security.cert.X509Certificate;

import jakarta.enterprise.context.ApplicationScoped;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.mtls.ClientCertificates;
import io.nexidentity.token.oauth.OAuthError;

/**
 * {@code self_signed_tls_client_auth} (RFC 8705 section 2.2): the presented certificate is one the client registered
 * (in its JWK Set); no chain is validated, possession of its key was proven in the handshake.
 */
@ApplicationScoped
public class SelfSignedTlsClientAuth implements CertificateAuthenticator {

    @Override
    public String method() {
        return "self_signed_tls_client_auth";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void verify(X509Certificate[] chain, RegisteredClient client) {
        if (!client.certificateThumbprints().contains(ClientCertificates.thumbprint(chain[0]))) {
            throw OAuthError.invalidClient("The TLS client certificate is not one the client registered.", false);
        }
    }
}
