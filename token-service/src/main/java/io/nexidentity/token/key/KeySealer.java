package io.nexidentity.token.key;

import jakarta.enterprise.context.ApplicationScoped;

import io.nexidentity.runtime.secret.AesGcmSealer;
import io.nexidentity.token.config.TokenConfig;

/** Seals signing keys' private parts with the configured key, bound to the key id. */
@ApplicationScoped
public class KeySealer {

    private final AesGcmSealer sealer;

    KeySealer(TokenConfig config) {
        this.sealer = new AesGcmSealer(config.keys().encryptionKey(), "nexid.token.keys.encryption-key");
    }

    public String seal(String kid, String privateJwk) {
        return sealer.seal(kid, privateJwk);
    }

    public String open(String kid, String sealed) {
        return sealer.open(kid, sealed);
    }
}
