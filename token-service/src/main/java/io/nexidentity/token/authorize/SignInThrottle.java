package io.nexidentity.token.authorize;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.token.config.TokenConfig;

/**
 * Limits failed sign-ins per account (tenant and username) and per client address within a sliding window, so that
 * passwords (and device user codes) cannot be guessed at speed; once the limit is reached, even a correct password is
 * refused until the window has passed. The failures are in the database, so the limits hold across every instance
 * (two instances checking at the same moment may each let one more attempt through).
 */
@ApplicationScoped
public class SignInThrottle {

    private final Pool pool;
    private final TokenConfig config;
    private final Clock clock = Clock.systemUTC();

    SignInThrottle(Pool pool, TokenConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<Boolean> allows(UUID tenantId, String username, String address) {
        var account = accountKey(tenantId, username);
        var client = addressKey(address);
        return recent(List.of(account, client))
                .map(counts -> counts.getOrDefault(account, 0L) < config.signInFailuresPerAccount()
                        && counts.getOrDefault(client, 0L) < config.signInFailuresPerAddress());
    }

    public Uni<Void> failed(UUID tenantId, String username, String address) {
        return record(List.of(accountKey(tenantId, username), addressKey(address)));
    }

    /** For guesses that name no account (device user codes): only the address counts. */
    public Uni<Boolean> allowsAddress(String address) {
        var client = addressKey(address);
        return recent(List.of(client))
                .map(counts -> counts.getOrDefault(client, 0L) < config.signInFailuresPerAddress());
    }

    public Uni<Void> failedAddress(String address) {
        return record(List.of(addressKey(address)));
    }

    private Uni<Void> record(List<String> keys) {
        return pool.preparedQuery("insert into sign_in_failure (throttle_key, failed_at) select unnest($1::text[]), $2")
                .execute(Tuple.of(keys.toArray(String[]::new), clock.instant().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private Uni<Map<String, Long>> recent(List<String> keys) {
        var since = clock.instant().minus(config.signInFailureWindow()).atOffset(ZoneOffset.UTC);
        return pool.preparedQuery("select throttle_key, count(*) from sign_in_failure"
                        + " where throttle_key = any($1) and failed_at > $2 group by throttle_key")
                .execute(Tuple.of(keys.toArray(String[]::new), since))
                .map(rows -> {
                    var counts = new HashMap<String, Long>();
                    rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    return counts;
                });
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return pool.preparedQuery("delete from sign_in_failure where failed_at < $1")
                .execute(Tuple.of(
                        clock.instant().minus(config.signInFailureWindow()).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static String accountKey(UUID tenantId, String username) {
        return "account:" + tenantId + ":" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
