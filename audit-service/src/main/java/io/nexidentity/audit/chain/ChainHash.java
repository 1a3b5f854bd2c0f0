package io.nexidentity.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link of a tenant's audit chain: SHA-256 over the previous link, the event's place in the chain, its id and its
 * exact stored JSON. Changing, removing or reordering any stored event breaks every later link.
 */
public final class ChainHash {

    /** The link before the first event of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();
    /** Looking up a digest costs about as much as hashing a small event: one per thread. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ChainHash::sha256);

    private ChainHash() {}

    public static String link(String previousHash, long chainIndex, String eventId, String payload) {
        var digest = SHA_256.get();
        digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) '\n');
        digest.update(Long.toString(chainIndex).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) '\n');
        digest.update(eventId.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(payload.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
