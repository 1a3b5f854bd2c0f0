package io.nexidentity.token.mtls;

import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for mutual-TLS tests: self-signed ones, ones issued by the test client CA the token-service trusts
 * (src/test/resources/mtls), and an HTTPS client presenting them.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {}

    /** A key pair and its certificate chain, leaf first. */
    public record Identity(KeyPair keys, X509Certificate... chain) {

        public X509Certificate leaf() {
            return chain[0];
        }
    }

    public static KeyPair ecKeys() throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public static Identity selfSigned(String subject) throws Exception {
        var keys = ecKeys();
        var now = Instant.now();
        return new Identity(
                keys,
                certificate(
                        rfc4514(subject),
                        keys,
                        rfc4514(subject),
                        keys.getPrivate(),
                        now,
                        now.plus(Duration.ofDays(1)),
                        null,
                        false));
    }

    /** A client certificate from the test client CA. */
    public static Identity fromTestCa(String subject, Instant notBefore, Instant notAfter, KeyPurposeId usage)
            throws Exception {
        var ca = testCa();
        var keys = ecKeys();
        return new Identity(
                keys,
                certificate(
                        rfc4514(subject),
                        keys,
                        nameOf(ca.leaf()),
                        ca.keys().getPrivate(),
                        notBefore,
                        notAfter,
                        usage,
                        false),
                ca.leaf());
    }

    /** A client certificate from a CA of its own, with the same name as the test CA: trusted by nobody. */
    public static Identity fromRogueCa(String subject) throws Exception {
        var caName = nameOf(testCa().leaf());
        var caKeys = ecKeys();
        var now = Instant.now();
        var until = now.plus(Duration.ofDays(1));
        var rogueCa = certificate(caName, caKeys, caName, caKeys.getPrivate(), now, until, null, true);
        var keys = ecKeys();
        return new Identity(
                keys,
                certificate(
                        rfc4514(subject),
                        keys,
                        caName,
                        caKeys.getPrivate(),
                        now,
                        until,
                        KeyPurposeId.id_kp_clientAuth,
                        false),
                rogueCa);
    }

    private static Identity testCa() throws Exception {
        X509Certificate certificate;
        try (var pem = resource("mtls/client-ca.pem")) {
            certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        PrivateKey key;
        try (var parser =
                new PEMParser(new InputStreamReader(resource("mtls/client-ca-key.pem"), StandardCharsets.US_ASCII))) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        return new Identity(new KeyPair(certificate.getPublicKey(), key), certificate);
    }

    /** A name as RFC 4514 writes it: the last RDN of the string is the first of the certificate's sequence. */
    private static X500Name rfc4514(String name) {
        return X500Name.getInstance(new X500Principal(name).getEncoded());
    }

    private static X500Name nameOf(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate certificate(
            X500Name subject,
            KeyPair keys,
            X500Name issuer,
            PrivateKey issuerKey,
            Instant notBefore,
            Instant notAfter,
            KeyPurposeId usage,
            boolean authority)
            throws Exception {
        var builder = new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                keys.getPublic());
        if (authority) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        if (usage != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static java.io.InputStream resource(String name) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    }

    /** A form POST over TLS presenting the identity's certificate (none when null), trusting the listener's. */
    public static HttpResponse<String> post(String url, Identity identity, Map<String, String> form) throws Exception {
        return post(url, identity, form, null);
    }

    public static HttpResponse<String> post(
            String url, Identity identity, Map<String, String> form, String authorization) throws Exception {
        var keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        var password = UUID.randomUUID().toString().toCharArray();
        if (identity != null) {
            keyStore.setKeyEntry("client", identity.keys().getPrivate(), password, identity.chain());
        }
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        var trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        try (var pem = resource("mtls/server.pem")) {
            trustStore.setCertificateEntry(
                    "server", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        var tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        var body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newBuilder()
                .sslContext(tls)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
