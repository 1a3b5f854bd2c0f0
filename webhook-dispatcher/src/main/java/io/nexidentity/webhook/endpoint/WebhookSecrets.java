package io.nexidentity.webhook.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.secret.AesGcmSealer;
import io.nexidentity.webhook.config.WebhookConfig;
import io.nexidentity.webhook.signing.WebhookSigner;

/** Creates, seals and opens endpoints' signing material. */
@ApplicationScoped
public class WebhookSecrets {

    private final AesGcmSealer sealer;

    WebhookSecrets(WebhookConfig config) {
        this.sealer = new AesGcmSealer(config.secretEncryptionKey(), "nexid.webhooks.secret-encryption-key");
    }

    /** A new HMAC secret row for the endpoint; the plain secret goes to {@code shown}. */
    public WebhookSecret newSecret(UUID endpointId, Instant now, String[] shown) {
        var plain = WebhookSigner.newSecret();
        shown[0] = plain;
        var secret = new WebhookSecret();
        secret.id = Ids.newId();
        secret.endpointId = endpointId;
        secret.sealed = sealer.seal(endpointId.toString(), plain);
        secret.createdAt = now;
        return secret;
    }

    public String sealPrivateKey(UUID endpointId, String privateKey) {
        return sealer.seal(endpointId + "/ed25519", privateKey);
    }

    public String openPrivateKey(UUID endpointId, String sealed) {
        return sealed == null ? null : sealer.open(endpointId + "/ed25519", sealed);
    }

    public List<String> open(UUID endpointId, List<String> sealed) {
        return sealed.stream()
                .map(value -> sealer.open(endpointId.toString(), value))
                .toList();
    }
}
