package io.nexidentity.bench;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The raw signing rate of this JVM on its core: JWT access tokens like the token-service's, signed in a loop with the
 * same library, key sizes and provider (native where it loads, as in the token-service), one thread. The ceiling the
 * token endpoint's issuance rate is compared with. The JDK's own providers are measured too, for comparison.
 *
 * <p>Usage: {@code SigningRateBenchmark [seconds]}
 */
public final class SigningRateBenchmark {

    private SigningRateBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        var rsaKey = new RSAKeyGenerator(2048).keyID("rs").generate();
        var ecKey = new ECKeyGenerator(Curve.P_256).keyID("es").generate();
        var accp = AmazonCorrettoCryptoProvider.INSTANCE;
        var provider = accp.getLoadingError() == null ? accp : null;
        var used = provider == null ? "the JDK's providers" : provider.getName() + " " + accp.getVersionStr();
        for (var alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
            System.out.printf(
                    Locale.ROOT,
                    "signing %s: %.0f signatures/s (1 thread, %s, %s as in the token-service)%n",
                    alg,
                    warmRate(alg, signer(alg, rsaKey, ecKey, provider), seconds),
                    jvm(),
                    used);
        }
        if (provider != null) {
            for (var alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
                System.out.printf(
                        Locale.ROOT,
                        "  for comparison, the JDK's providers alone: %s %.0f signatures/s%n",
                        alg,
                        warmRate(alg, signer(alg, rsaKey, ecKey, null), seconds));
            }
        }
    }

    /** A signer as the token-service builds it: with the native provider, its key in that provider's own form. */
    private static JWSSigner signer(JWSAlgorithm alg, RSAKey rsaKey, ECKey ecKey, Provider provider) throws Exception {
        if (provider == null) {
            return alg == JWSAlgorithm.RS256 ? new RSASSASigner(rsaKey) : new ECDSASigner(ecKey);
        }
        var signer = alg == JWSAlgorithm.RS256
                ? new RSASSASigner(
                        (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(rsaKey.toPrivateKey()))
                : new ECDSASigner(
                        (PrivateKey) KeyFactory.getInstance("EC", provider).translateKey(ecKey.toPrivateKey()),
                        Curve.P_256);
        signer.getJCAContext().setProvider(provider);
        return signer;
    }

    /** The rate over {@code seconds}, after 3 s of the same work for the JIT. */
    private static double warmRate(JWSAlgorithm alg, JWSSigner signer, int seconds) throws Exception {
        rate(alg, signer, 3);
        return rate(alg, signer, seconds);
    }

    private static double rate(JWSAlgorithm alg, JWSSigner signer, int seconds) throws Exception {
        long count = 0;
        long started = System.nanoTime();
        long until = started + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            var now = new Date();
            var claims = new JWTClaimsSet.Builder()
                    .issuer("http://127.0.0.1:8080/t/bench-0191f0d5")
                    .subject("nxc-0191f0d5-2b3c-7d4e-9f5a-6b7c8d9e0f1a")
                    .audience("app_k3xq7mzp2vtn5rby4wgd6hjc")
                    .expirationTime(new Date(now.getTime() + 900_000))
                    .issueTime(now)
                    .notBeforeTime(now)
                    .jwtID(UUID.randomUUID().toString())
                    .claim("client_id", "nxc-0191f0d5-2b3c-7d4e-9f5a-6b7c8d9e0f1a")
                    .claim("scope", "orders:read orders:write")
                    .claim("tenant_id", "0191f0a2-7c3e-7a10-9d2b-5e6f7a8b9c0d")
                    .claim("organization_id", "0191f0a2-7c41-7b22-8e3c-6f7a8b9c0d1e")
                    .build();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(alg)
                            .keyID("k")
                            .type(new JOSEObjectType("at+jwt"))
                            .build(),
                    claims);
            jwt.sign(signer);
            jwt.serialize();
            count++;
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    private static String jvm() {
        return "Java " + System.getProperty("java.version");
    }
}
