package io.nexidentity.token.clientauth;

import java.security.cert.X509Certificate;

import io.nexidentity.token.client.RegisteredClient;

/**
 * A mutual-TLS client authentication method (RFC 8705 section 2): the request names its client with {@code client_id}
 * and the client proves itself with the certificate of the TLS handshake.
 */
public interface CertificateAuthenticator {

    /** The method's registered name, e.g. {@code tls_client_auth}. */
    String method();

    /** Whether the listener can use this method at all (its configuration is there). */
    boolean available();

    /**
     * Checks the presented chain (leaf first) against the client, which is registered for this method; fails with
     * {@code invalid_client}.
     */
    void verify(X509Certificate[] chain, RegisteredClient client);
}
