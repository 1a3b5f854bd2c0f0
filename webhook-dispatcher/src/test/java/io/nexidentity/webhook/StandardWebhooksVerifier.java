package io.nexidentity.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A receiver's verification written from the Standard Webhooks specification with Bouncy Castle, independent of the
 * JDK code the dispatcher signs with: {@code v1} is HMAC-SHA256 keyed with the base64 part of {@code whsec_}, {@code
 * v1a} is Ed25519 with the raw key of {@code whpk_}, both over {@code id.timestamp.body}.
 */
public final class StandardWebhooksVerifier {

    private StandardWebhooksVerifier() {}

    public static boolean verifiesHmac(String secret, String id, String timestamp, String body, String header) {
        var content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        var mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(Base64.getDecoder().decode(secret.substring("whsec_".length()))));
        mac.update(content, 0, content.length);
        var expected = new byte[mac.getMacSize()];
        mac.doFinal(expected, 0);
        var wanted = "v1," + Base64.getEncoder().encodeToString(expected);
        return Arrays.asList(header.split(" ")).contains(wanted);
    }

    public static boolean verifiesEd25519(String publicKey, String id, String timestamp, String body, String header) {
        var content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        for (var signature : header.split(" ")) {
            if (!signature.startsWith("v1a,")) {
                continue;
            }
            var verifier = new Ed25519Signer();
            verifier.init(
                    false,
                    new Ed25519PublicKeyParameters(
                            Base64.getDecoder().decode(publicKey.substring("whpk_".length())), 0));
            verifier.update(content, 0, content.length);
            if (verifier.verifySignature(Base64.getDecoder().decode(signature.substring(4)))) {
                return true;
            }
        }
        return false;
    }
}
