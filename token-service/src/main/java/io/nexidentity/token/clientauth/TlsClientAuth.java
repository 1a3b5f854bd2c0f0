package io.nexidentity.token.clientauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

import jakarta.enterprise.context.ApplicationScoped;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.oauth.OAuthError;

/**
 * {@code tls_client_auth} (RFC 8705 section 2.1): the presented chain validates (PKIX) up to one of the configured
 * certificate authorities, the leaf may be used for TLS client authentication, and its subject DN is the one the
 * client registered. Revocation is not checked: the authorities are expected to issue short-lived certificates.
 */
@ApplicationScoped
public class TlsClientAuth implements CertificateAuthenticator {

    private static final String CLIENT_AUTH_USAGE = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final Set<TrustAnchor> anchors;

    TlsClientAuth(TokenConfig config) throws IOException, CertificateException {
        var location = config.mtls().trustedAuthorities();
        this.anchors = location.isEmpty() ? Set.of() : anchors(location.get());
    }

    @Override
    public String method() {
        return "tls_client_auth";
    }

    @Override
    public boolean available() {
        return !anchors.isEmpty();
    }

    @Override
    public void verify(X509Certificate[] chain, RegisteredClient client) {
        if (anchors.isEmpty()) {
            throw OAuthError.invalidClient("No certificate authority is configured for tls_client_auth.", false);
        }
        var leaf = chain[0];
        if (client.tlsClientAuthSubjectDn() == null
                || !new X500Principal(client.tlsClientAuthSubjectDn()).equals(leaf.getSubjectX500Principal())) {
            throw OAuthError.invalidClient("The TLS client certificate's subject is not the registered one.", false);
        }
        try {
            var usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH_USAGE) && !usages.contains(ANY_USAGE)) {
                throw OAuthError.invalidClient("The TLS client certificate is not for client authentication.", false);
            }
            var parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            var path = CertificateFactory.getInstance("X.509").generateCertPath(withoutAnchors(chain));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (GeneralSecurityException e) {
            throw OAuthError.invalidClient("The TLS client certificate is not trusted: " + e.getMessage(), false);
        }
    }

    /** A certification path ends before its trust anchor; clients often send the root along. The leaf stays. */
    private List<X509Certificate> withoutAnchors(X509Certificate[] chain) {
        var anchorCertificates =
                anchors.stream().map(TrustAnchor::getTrustedCert).collect(Collectors.toSet());
        var path = new ArrayList<X509Certificate>();
        path.add(chain[0]);
        Arrays.stream(chain, 1, chain.length)
                .filter(certificate -> !anchorCertificates.contains(certificate))
                .forEach(path::add);
        return path;
    }

    private static Set<TrustAnchor> anchors(String location) throws IOException, CertificateException {
        try (var pem = open(location)) {
            var anchors = CertificateFactory.getInstance("X.509").generateCertificates(pem).stream()
                    .map(certificate -> new TrustAnchor((X509Certificate) certificate, null))
                    .collect(Collectors.toUnmodifiableSet());
            if (anchors.isEmpty()) {
                throw new CertificateException("no certificate in " + location);
            }
            return anchors;
        }
    }

    /** A file, or else a class-path resource (tests). */
    private static InputStream open(String location) throws IOException {
        var file = Path.of(location);
        if (Files.exists(file)) {
            return Files.newInputStream(file);
        }
        var resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(location);
        if (resource == null) {
            throw new IOException("not found: " + location);
        }
        return resource;
    }
}
