package io.nexidentity.webhook.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.secret.AesGcmSealer;
import io.nexidentity.runtime.secret.Reseal;
import io.nexidentity.webhook.config.WebhookConfig;
import io.nexidentity.webhook.signing.WebhookSigner;

/**
 * Creates, seals and opens endpoints' signing material; after a rotation of the key-encryption key, moves what the
 * previous keys sealed to the current one.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final AesGcmSealer sealer;
    private final List<Reseal> reseals;

    WebhookSecrets(WebhookConfig config, Pool pool, MeterRegistry registry) {
        this.sealer = new AesGcmSealer(
                config.secretEncryptionKey(),
                config.previousSecretEncryptionKeys().orElse(List.of()),
                "nexid.webhooks.secret-encryption-key");
        this.reseals = List.of(
                new Reseal(
                        pool,
                        sealer,
                        registry,
                        "webhook_secret",
                        "id",
                        "sealed",
                        row -> row.getUUID("endpoint_id").toString()),
                new Reseal(
                        pool,
                        sealer,
                        registry,
                        "webhook_endpoint",
                        "id",
                        "ed25519_private_sealed",
                        row -> row.getUUID("id") + "/ed25519"));
    }

    @Scheduled(every = "10m", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reseal() {
        return Multi.createFrom()
                .iterable(reseals)
                .onItem()
                .transformToUniAndConcatenate(Reseal::run)
                .collect()
                .last()
                .replaceWithVoid();
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
