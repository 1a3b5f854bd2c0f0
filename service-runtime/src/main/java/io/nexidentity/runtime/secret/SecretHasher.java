package io.nexidentity.runtime.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Generates server-side secrets (256 bits, base64url) and stores them only as keyed hashes: HMAC-SHA256 under a
 * platform key from configuration. A keyed hash is as fast to check as a lookup (secrets are random, so a slow
 * password hash adds nothing) and useless without the key if the database leaks.
 */
@ApplicationScoped
public class SecretHasher {

    private static final String PREFIX = "hmac-sha256:";
    private static final int SECRET_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    /** A keyed Mac per thread: looking up and keying a Mac per call costs more than the HMAC itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SecretHasher(@ConfigProperty(name = "nexid.secrets.hash-key") String hashKey) {
        if (hashKey.length() < 32) {
            throw new IllegalArgumentException("nexid.secrets.hash-key must be at least 32 characters");
        }
        this.key = new SecretKeySpec(hashKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A new random secret, to be shown once. */
    public String newSecret() {
        var bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    public String hash(String secret) {
        return PREFIX + BASE64URL.encodeToString(mac(secret));
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null || !storedHash.startsWith(PREFIX)) {
            return false;
        }
        var expected = storedHash.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
        var actual = BASE64URL.encodeToString(mac(presented)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private byte[] mac(String secret) {
        return macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
