package io.nexidentity.runtime.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that must be recoverable (signing keys, webhook signing secrets) with AES-256-GCM under a
 * key-encryption key, bound to a context string (the owner's id) so that a sealed value cannot be moved to another row.
 * A sealed value names the key that sealed it ({@code kek-<id>:<base64>}, the id being the start of the key's SHA-256):
 * the current key seals, the previous ones still open what they sealed, so the key can be rotated while a re-seal job
 * moves every value to the current key ({@link Reseal}). Values sealed before keys had ids carry none; every configured
 * key is tried on them.
 */
public final class AesGcmSealer {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String PREFIX = "kek-";
    private static final String FIX = "Configure the key it was sealed with (as the current key or a previous one);"
            + " a local platform whose generated secrets were lost starts over with ./nexid reset.";

    private final String setting;
    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param current 32 bytes, base64-encoded: seals, and opens what it sealed
     * @param previous keys of earlier rotations (same form): open only
     * @param setting the configuration property of {@code current}, named in errors
     */
    public AesGcmSealer(String current, List<String> previous, String setting) {
        this.setting = setting;
        this.currentId = add(current);
        previous.forEach(this::add);
    }

    public AesGcmSealer(String current, String setting) {
        this(current, List.of(), setting);
    }

    /** The id of the current key, as sealed values name it ({@code kek-…}). */
    public String currentKeyId() {
        return currentId;
    }

    /** Whether the value was sealed with the current key (else a re-seal moves it). */
    public boolean sealedWithCurrentKey(String sealed) {
        return sealed.startsWith(currentId + ":");
    }

    public String seal(String context, String plain) {
        try {
            var iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            var sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            var out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    public String open(String context, String sealed) {
        var separator = sealed.indexOf(':');
        if (separator < 0) {
            for (var key : keys.values()) {
                try {
                    return open(key, context, sealed);
                } catch (GeneralSecurityException e) {
                    // the next key may be the one
                }
            }
            throw new IllegalStateException("cannot open the sealed value of " + context
                    + ": it was sealed before key ids, and none of the configured keys (" + setting
                    + " and its previous keys: " + keys.keySet() + ") opens it. " + FIX);
        }
        var keyId = sealed.substring(0, separator);
        var key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("cannot open the sealed value of " + context + ": it was sealed with "
                    + keyId + ", but " + setting + " is " + currentId + " and the previous keys are "
                    + new ArrayList<>(keys.keySet()).subList(1, keys.size()) + ". " + FIX);
        }
        try {
            return open(key, context, sealed.substring(separator + 1));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot open the sealed value of " + context + " with " + keyId
                            + ": the value was altered or belongs to another row",
                    e);
        }
    }

    private static String open(SecretKey key, String context, String sealed) throws GeneralSecurityException {
        var bytes = Base64.getDecoder().decode(sealed);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    private String add(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(setting + " (and each previous key) must be 32 bytes, base64-encoded");
        }
        String id;
        try {
            id = PREFIX
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                            .substring(0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        keys.putIfAbsent(id, new SecretKeySpec(bytes, "AES"));
        return id;
    }
}
