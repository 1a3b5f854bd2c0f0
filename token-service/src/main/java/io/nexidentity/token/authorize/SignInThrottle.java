package io.nexidentity.token.authorize;

import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import io.nexidentity.runtime.identifier.Usernames;
import io.nexidentity.runtime.limit.AttemptLimiter;
import io.nexidentity.runtime.limit.AttemptLimiter.Reservation;
import io.nexidentity.runtime.net.ClientAddress;
import io.nexidentity.token.config.TokenConfig;

/**
 * Limits failed sign-ins per account (tenant and canonical username, as the tenant-service identifies users) and per
 * client address within a sliding window, so that passwords (and device user codes) cannot be guessed at speed; once a
 * limit is reached, even a correct password is refused until the window has passed. Every attempt reserves its place
 * before the password is checked ({@link AttemptLimiter}), so parallel guesses on any number of instances cannot all
 * reach the check; a successful one gives its place back.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final String PREFIX = "sign-in:";

    private final AttemptLimiter limiter;
    private final TokenConfig config;

    SignInThrottle(AttemptLimiter limiter, TokenConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    /** Reserves an attempt on the account and the address; empty when either has reached its limit. */
    public Uni<Optional<Reservation>> reserve(UUID tenantId, String username, ClientAddress address) {
        var limits = new TreeMap<String, Integer>();
        limits.put(accountKey(tenantId, username), config.signInFailuresPerAccount());
        limits.put(PREFIX + address.throttleKey(), config.signInFailuresPerAddress());
        return limiter.reserve(limits, config.signInFailureWindow());
    }

    /** The same for guesses that name no account (device user codes): only the address counts. */
    public Uni<Optional<Reservation>> reserve(ClientAddress address) {
        var limits = new TreeMap<String, Integer>();
        limits.put(PREFIX + address.throttleKey(), config.signInFailuresPerAddress());
        return limiter.reserve(limits, config.signInFailureWindow());
    }

    /** The attempt succeeded: it no longer counts against anyone. */
    public Uni<Void> succeeded(Reservation attempt) {
        return limiter.release(attempt);
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return limiter.forget(PREFIX, config.signInFailureWindow());
    }

    static String accountKey(UUID tenantId, String username) {
        return PREFIX + "account:" + tenantId + ":" + Usernames.canonical(username);
    }
}
