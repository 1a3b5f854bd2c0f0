package io.nexidentity.bench;

import java.util.Date;
import java.util.Locale;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The raw signing rate of this JVM on its core: JWT access tokens like the token-service's, signed in a loop with the
 * same library and key sizes, one thread. The ceiling the token endpoint's issuance rate is compared with.
 *
 * <p>Usage: {@code SigningRateBenchmark [seconds]}
 */
public final class SigningRateBenchmark {

    private SigningRateBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        var rsa = new RSASSASigner(new RSAKeyGenerator(2048).keyID("rs").generate());
        var ec = new ECDSASigner(new ECKeyGenerator(Curve.P_256).keyID("es").generate());
        rate(JWSAlgorithm.RS256, rsa, 3);
        System.out.printf(
                Locale.ROOT,
                "signing RS256: %.0f signatures/s (1 thread, %s)%n",
                rate(JWSAlgorithm.RS256, rsa, seconds),
                jvm());
        rate(JWSAlgorithm.ES256, ec, 3);
        System.out.printf(
                Locale.ROOT,
                "signing ES256: %.0f signatures/s (1 thread, %s)%n",
                rate(JWSAlgorithm.ES256, ec, seconds),
                jvm());
    }

    private static double rate(JWSAlgorithm alg, JWSSigner signer, int seconds) throws Exception {
        long count = 0;
        long started = System.nanoTime();
        long until = started + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            var now = new Date();
            var claims = new JWTClaimsSet.Builder()
                    .issuer("http://127.0.0.1:8080")
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
