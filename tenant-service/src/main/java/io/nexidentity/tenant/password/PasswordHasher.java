package io.nexidentity.tenant.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}). Parameters are
 * read back from each hash, so stored hashes stay verifiable when the configured cost changes. CPU- and memory-heavy:
 * never call it on an event-loop thread.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Pattern PHC =
            Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final PasswordConfig config;
    private final SecureRandom random = new SecureRandom();
    private final String decoyHash;

    public PasswordHasher(PasswordConfig config) {
        this.config = config;
        this.decoyHash = hash("decoy password, never matched");
    }

    public String hash(String password) {
        var salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        int memory = config.argon2MemoryKib();
        int iterations = config.argon2Iterations();
        int parallelism = config.argon2Parallelism();
        var hash = derive(password, salt, memory, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
                .formatted(memory, iterations, parallelism, B64.encodeToString(salt), B64.encodeToString(hash));
    }

    public boolean verify(String password, String phc) {
        var parts = PHC.matcher(phc == null ? "" : phc);
        if (!parts.matches()) {
            return false;
        }
        var expected = B64_DECODER.decode(parts.group(5));
        var actual = derive(
                password,
                B64_DECODER.decode(parts.group(4)),
                Integer.parseInt(parts.group(1)),
                Integer.parseInt(parts.group(2)),
                Integer.parseInt(parts.group(3)),
                expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of a verification without a stored hash, so unknown users cannot be told apart by timing. */
    public void verifyDecoy(String password) {
        verify(password, decoyHash);
    }

    private static byte[] derive(
            String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build());
        var out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
