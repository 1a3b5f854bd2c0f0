package io.nexidentity.webhook.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures over {@code id.timestamp.body}: {@code v1,<base64 HMAC-SHA256>} with a {@code whsec_}
 * secret, and the asymmetric {@code v1a,<base64 Ed25519>} with a {@code whsk_} key whose public half is {@code whpk_}.
 * Several signatures (during a secret rotation) are sent space-separated.
 */
public final class WebhookSigner {

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {}

    /** A new HMAC secret: {@code whsec_} and 32 random bytes, base64. */
    public static String newSecret() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + B64.encodeToString(bytes);
    }

    /** A new Ed25519 key pair: private as {@code whsk_} (PKCS#8, base64), public as {@code whpk_} (raw 32 bytes). */
    public static KeyPair newKeyPair() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            var encodedPublic = pair.getPublic().getEncoded();
            var raw = Arrays.copyOfRange(encodedPublic, encodedPublic.length - 32, encodedPublic.length);
            return new KeyPair(
                    "whsk_" + B64.encodeToString(pair.getPrivate().getEncoded()), "whpk_" + B64.encodeToString(raw));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    public static String signature(
            String messageId, long timestamp, String body, List<String> secrets, String privateKey) {
        var content = (messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        var signatures = new StringBuilder();
        for (var secret : secrets) {
            append(signatures, "v1," + B64.encodeToString(hmac(secret, content)));
        }
        if (privateKey != null) {
            append(signatures, "v1a," + B64.encodeToString(ed25519(privateKey, content)));
        }
        return signatures.toString();
    }

    private static void append(StringBuilder signatures, String signature) {
        if (!signatures.isEmpty()) {
            signatures.append(' ');
        }
        signatures.append(signature);
    }

    private static byte[] hmac(String secret, byte[] content) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(B64_DECODER.decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ed25519(String privateKey, byte[] content) {
        try {
            var key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(
                            new PKCS8EncodedKeySpec(B64_DECODER.decode(privateKey.substring("whsk_".length()))));
            var signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(content);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public record KeyPair(String privateKey, String publicKey) {}
}
