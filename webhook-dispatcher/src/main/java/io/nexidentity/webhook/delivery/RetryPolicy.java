package io.nexidentity.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.nexidentity.webhook.config.WebhookConfig;

/**
 * When to try a failed delivery again: the configured schedule with ±20% jitter (so a recovering receiver is not hit by
 * every retry at once), never sooner than a 429/503 {@code Retry-After} asks; after the last step, never.
 */
@ApplicationScoped
public class RetryPolicy {

    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final WebhookConfig config;

    RetryPolicy(WebhookConfig config) {
        this.config = config;
    }

    /** Whether a response (null: no response at all) is worth another attempt. */
    public static boolean retryable(Integer status) {
        return status == null || status == 429 || status >= 500;
    }

    /** The next attempt after {@code attempts} failed ones, or null when the schedule is used up. */
    public Instant next(int attempts, Instant now, String retryAfter) {
        var schedule = config.retrySchedule();
        if (attempts > schedule.size()) {
            return null;
        }
        var wait = schedule.get(attempts - 1);
        long millis = wait.toMillis();
        long jittered = millis + (long) ((ThreadLocalRandom.current().nextDouble() * 0.4 - 0.2) * millis);
        var next = now.plusMillis(Math.max(0, jittered));
        var asked = retryAfter(retryAfter, now);
        return asked != null && asked.isAfter(next) ? asked : next;
    }

    /** A {@code Retry-After} in seconds or as an HTTP date, capped at a day. */
    static Instant retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Instant asked;
        try {
            asked = now.plusSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            try {
                asked = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
        var latest = now.plus(MAX_RETRY_AFTER);
        return asked.isAfter(latest) ? latest : asked;
    }
}
