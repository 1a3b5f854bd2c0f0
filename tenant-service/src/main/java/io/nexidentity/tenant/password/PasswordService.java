package io.nexidentity.tenant.password;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import io.nexidentity.runtime.problem.ProblemException;

/** Checks passwords against the policy and hashes or verifies them on worker threads, off the event loop. */
@ApplicationScoped
public class PasswordService {

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Vertx vertx;

    PasswordService(PasswordPolicy policy, PasswordHasher hasher, Vertx vertx) {
        this.policy = policy;
        this.hasher = hasher;
        this.vertx = vertx;
    }

    /** The hash of an acceptable password; a 400 problem naming {@code field} otherwise. */
    public Uni<String> hashAcceptable(String password, String email, String field) {
        policy.violation(password, email).ifPresent(reason -> {
            throw ProblemException.invalidField(field, field + " " + reason);
        });
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(password)), false);
    }

    /** Whether the password matches; with no stored hash, spends the same time and answers false. */
    public Uni<Boolean> verify(String password, String storedHash) {
        return vertx.executeBlocking(
                Uni.createFrom().item(() -> {
                    if (storedHash == null) {
                        hasher.verifyDecoy(password);
                        return false;
                    }
                    return hasher.verify(password, storedHash);
                }),
                false);
    }
}
