package io.nexidentity.token.key;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import io.nexidentity.runtime.secret.AesGcmSealer;
import io.nexidentity.runtime.secret.Reseal;
import io.nexidentity.token.config.TokenConfig;

/**
 * Seals signing keys' private parts with the key-encryption key, bound to the key id; after a rotation of that key, moves
 * what the previous keys sealed to the current one.
 */
@ApplicationScoped
public class KeySealer {

    private final AesGcmSealer sealer;
    private final Reseal reseal;

    KeySealer(TokenConfig config, Pool pool, MeterRegistry registry) {
        this.sealer = new AesGcmSealer(
                config.keys().encryptionKey(),
                config.keys().previousEncryptionKeys().orElse(List.of()),
                "nexid.token.keys.encryption-key");
        this.reseal = new Reseal(
                pool, sealer, registry, "signing_key", "kid", "private_key_sealed", row -> row.getString("kid"));
    }

    public String seal(String kid, String privateJwk) {
        return sealer.seal(kid, privateJwk);
    }

    public String open(String kid, String sealed) {
        return sealer.open(kid, sealed);
    }

    @Scheduled(every = "10m", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reseal() {
        return reseal.run().replaceWithVoid();
    }
}
