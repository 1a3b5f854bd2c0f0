package io.nexidentity.token.clientauth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.token.client.RegisteredClient;

/** Compares a presented secret with a client's valid secrets: keyed hashes, constant-time, no slow hash. */
@ApplicationScoped
public class ClientSecrets {

    private final SecretHasher hasher;

    ClientSecrets(SecretHasher hasher) {
        this.hasher = hasher;
    }

    public boolean matches(RegisteredClient client, String presented, Instant now) {
        var matched = false;
        for (var secret : client.secrets()) {
            var valid = secret.expiresAt() == null || secret.expiresAt().isAfter(now);
            matched |= hasher.matches(presented, secret.hash()) & valid;
        }
        return matched;
    }
}
