package io.nexidentity.tenant.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import io.nexidentity.runtime.limit.AttemptLimiter;
import io.nexidentity.runtime.net.ClientAddress;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;

/**
 * Whether a registration may proceed. Open registration lets anyone create a tenant and register redirect URIs, which
 * makes the hosted pages a redirector for phishing (RFC 9700 section 4.11.2): so every attempt, whatever the mode,
 * counts against a per-address limit, and production runs in {@code key} or {@code closed} mode.
 */
@ApplicationScoped
public class RegistrationGate {

    public static final String KEY_HEADER = "Nexid-Registration-Key";
    private static final String PREFIX = "registration:";

    private final RegistrationConfig config;
    private final AttemptLimiter limiter;

    public RegistrationGate(RegistrationConfig config, AttemptLimiter limiter) {
        this.config = config;
        this.limiter = limiter;
        if (config.mode() == RegistrationConfig.Mode.KEY && config.key().isEmpty()) {
            throw new IllegalStateException("nexid.registration.mode=key needs nexid.registration.key");
        }
    }

    /** Counts the attempt, then checks the mode and the key; fails with a problem when the registration may not go on. */
    public Uni<Void> check(ClientAddress address, String presentedKey) {
        if (config.mode() == RegistrationConfig.Mode.CLOSED) {
            return Uni.createFrom()
                    .failure(
                            new ProblemException(
                                    Problem.of(
                                            "registration-closed",
                                            "Forbidden",
                                            403,
                                            "Tenants are created by the platform's operators here; self-service registration is off.")));
        }
        var limits = new TreeMap<String, Integer>();
        limits.put(PREFIX + address.throttleKey(), config.attemptsPerAddress());
        return limiter.reserve(limits, config.window()).map(reserved -> {
            if (reserved.isEmpty()) {
                throw new ProblemException(Problem.of(
                        "too-many-registrations",
                        "Too Many Requests",
                        429,
                        "Too many registrations from this address; try again later."));
            }
            if (config.mode() == RegistrationConfig.Mode.KEY && !keyMatches(presentedKey)) {
                throw new ProblemException(Problem.of(
                        "registration-key-required",
                        "Forbidden",
                        403,
                        "Registration needs the platform registration key in the " + KEY_HEADER + " header."));
            }
            return null;
        });
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return limiter.forget(PREFIX, config.window());
    }

    /** Compares digests, so that neither the key's content nor its length shows in the time taken. */
    private boolean keyMatches(String presented) {
        return presented != null && MessageDigest.isEqual(digest(config.key().orElseThrow()), digest(presented));
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
