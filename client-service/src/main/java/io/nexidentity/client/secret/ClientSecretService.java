package io.nexidentity.client.secret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.client.client.ClientService;
import io.nexidentity.events.client.ClientEvents;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.secret.SecretHasher;

/**
 * Secret rotation with an overlap window (the previous secrets stay valid for a chosen time so deployments can roll),
 * revocation, and listing (metadata only: a secret is shown once, when generated).
 */
@ApplicationScoped
public class ClientSecretService {

    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final ClientService clients;
    private final ClientSecretRepository secrets;
    private final SecretHasher hasher;
    private final Clock clock;

    ClientSecretService(ClientService clients, ClientSecretRepository secrets, SecretHasher hasher, Clock clock) {
        this.clients = clients;
        this.secrets = secrets;
        this.hasher = hasher;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<NewSecret> rotate(String clientId, Integer previousValidSeconds, Integer lifetimeDays) {
        var overlap = previousValidSeconds == null ? DEFAULT_OVERLAP : Duration.ofSeconds(previousValidSeconds);
        return clients.owned(clientId, "rotate_secret", true).flatMap(client -> {
            if (!client.tokenEndpointAuthMethod.usesSecret()) {
                throw ProblemException.conflict(
                        "client-without-secret",
                        "The client authenticates with " + client.tokenEndpointAuthMethod.wireName()
                                + ", not a secret.");
            }
            var now = clock.instant();
            var previousUntil = now.plus(overlap);
            return secrets.ofClient(clientId).flatMap(existing -> {
                existing.stream().filter(secret -> secret.validAt(now)).forEach(secret -> {
                    if (secret.expiresAt == null || secret.expiresAt.isAfter(previousUntil)) {
                        secret.expiresAt = previousUntil;
                    }
                });
                var plain = hasher.newSecret();
                var stored = clients.newSecret(clientId, plain, lifetimeDays);
                return secrets.persist(stored)
                        .flatMap(saved -> secrets.flush())
                        .flatMap(flushed -> clients.publishCurrent(ClientEvents.CLIENT_SECRET_ROTATED, client))
                        .replaceWith(new NewSecret(stored.id, plain, stored.expiresAt, previousUntil));
            });
        });
    }

    @WithTransaction
    public Uni<Void> revoke(String clientId, UUID secretId) {
        return clients.owned(clientId, "revoke_secret", true)
                .flatMap(client -> secrets.findById(secretId).flatMap(secret -> {
                    if (secret == null || !secret.clientId.equals(clientId) || secret.revokedAt != null) {
                        throw ProblemException.notFound("Secret", secretId.toString());
                    }
                    secret.revokedAt = clock.instant();
                    return secrets.flush()
                            .flatMap(flushed -> clients.publishCurrent(ClientEvents.CLIENT_SECRET_REVOKED, client))
                            .replaceWithVoid();
                }));
    }

    @WithSession
    public Uni<List<SecretInfo>> list(String clientId) {
        return clients.owned(clientId, "list_secrets", false)
                .flatMap(client -> secrets.ofClient(clientId))
                .map(all -> all.stream()
                        .map(secret -> new SecretInfo(
                                secret.id,
                                secret.createdAt,
                                secret.expiresAt,
                                secret.revokedAt,
                                secret.validAt(clock.instant())))
                        .toList());
    }

    /** A new secret, shown once, and until when the previous ones keep working. */
    public record NewSecret(UUID secretId, String clientSecret, Instant expiresAt, Instant previousSecretsValidUntil) {}

    public record SecretInfo(UUID secretId, Instant createdAt, Instant expiresAt, Instant revokedAt, boolean valid) {}
}
