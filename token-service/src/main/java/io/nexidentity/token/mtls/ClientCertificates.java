package io.nexidentity.token.mtls;

import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.ext.web.RoutingContext;

/** The certificate a client presented in the TLS handshake, and tokens bound to one (RFC 8705 section 3). */
public final class ClientCertificates {

    public static final String THUMBPRINT = "x5t#S256";

    private ClientCertificates() {}

    /** The client's certificate chain, leaf first; null on plain HTTP or when the client sent none. */
    public static X509Certificate[] presented(RoutingContext context) {
        var request = context.request();
        if (!request.isSSL()) {
            return null;
        }
        try {
            var certificates = request.connection().peerCertificates();
            if (certificates == null || certificates.isEmpty()) {
                return null;
            }
            return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    /** The base64url SHA-256 thumbprint of the DER certificate ({@code x5t#S256}). */
    public static String thumbprint(X509Certificate certificate) {
        return X509CertUtils.computeSHA256Thumbprint(certificate).toString();
    }

    /** The {@code cnf} claim binding a token to the certificate. */
    public static Map<String, Object> confirmation(String thumbprint) {
        return Map.of(THUMBPRINT, thumbprint);
    }

    /**
     * Whether a request may use the token: tokens without a certificate binding may be used by anyone holding them;
     * bound ones only over a TLS connection where the client proved possession of that very certificate.
     */
    public static boolean bindingHolds(JWTClaimsSet claims, X509Certificate[] presented) {
        if (!(claims.getClaim("cnf") instanceof Map<?, ?> confirmation)
                || !(confirmation.get(THUMBPRINT) instanceof String bound)) {
            return true;
        }
        return presented != null && bound.equals(thumbprint(presented[0]));
    }
}
