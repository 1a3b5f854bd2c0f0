package io.nexidentity.token.authorize;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

import io.nexidentity.token.config.TokenConfig;

/**
 * Limits failed sign-ins per account (tenant and username) and per client address within a sliding window, so that
 * passwords (and device user codes) cannot be guessed at speed; once the limit is reached, even a correct password is refused until the window
 * has passed. Counted per instance.
 */
@ApplicationScoped
public class SignInThrottle {

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final TokenConfig config;
    private final Clock clock = Clock.systemUTC();

    SignInThrottle(TokenConfig config) {
        this.config = config;
    }

    public boolean allows(UUID tenantId, String username, String address) {
        return recent(accountKey(tenantId, username)) < config.signInFailuresPerAccount()
                && recent(addressKey(address)) < config.signInFailuresPerAddress();
    }

    public void failed(UUID tenantId, String username, String address) {
        record(accountKey(tenantId, username));
        record(addressKey(address));
    }

    /** For guesses that name no account (device user codes): only the address counts. */
    public boolean allowsAddress(String address) {
        return recent(addressKey(address)) < config.signInFailuresPerAddress();
    }

    public void failedAddress(String address) {
        record(addressKey(address));
    }

    private void record(String key) {
        var times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
        }
    }

    private int recent(String key) {
        var times = failures.get(key);
        if (times == null) {
            return 0;
        }
        var since = clock.instant().minus(config.signInFailureWindow());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOld() {
        failures.keySet().forEach(key -> {
            if (recent(key) == 0) {
                failures.remove(key);
            }
        });
    }

    private static String accountKey(UUID tenantId, String username) {
        return "account:" + tenantId + ":" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
