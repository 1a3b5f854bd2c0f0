package io.nexidentity.token.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.secret.SecretHasher;

/**
 * Device authorizations (RFC 8628): a 256-bit device code (kept as a keyed hash) for the device to poll with, and a
 * short user code for people to type: eight letters from an alphabet without vowels and look-alikes (section 6.1,
 * about 34 bits, enough against guessing within the lifetime when the verification page is rate-limited).
 */
@ApplicationScoped
public class DeviceAuthorizations {

    private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    private final SecureRandom random = new SecureRandom();
    private final Pool pool;
    private final SecretHasher hasher;
    private final Clock clock;

    DeviceAuthorizations(Pool pool, SecretHasher hasher, Clock clock) {
        this.pool = pool;
        this.hasher = hasher;
        this.clock = clock;
    }

    public Uni<Started> start(
            String clientId, UUID tenantId, UUID organizationId, String scope, int interval, Instant expiresAt) {
        var deviceCode = hasher.newSecret();
        var userCode = userCode();
        return pool.preparedQuery("""
                        insert into device_authorization (device_code_hash, user_code, client_id, tenant_id, organization_id,
                            scope, status, poll_interval, expires_at)
                        values ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)""")
                .execute(Tuple.from(new Object[] {
                    hasher.hash(deviceCode),
                    userCode,
                    clientId,
                    tenantId,
                    organizationId,
                    scope,
                    interval,
                    expiresAt.atOffset(ZoneOffset.UTC)
                }))
                .replaceWith(new Started(deviceCode, userCode));
    }

    /** A pending, unexpired authorization by its user code (typed by a person: case and dashes do not matter). */
    public Uni<Optional<Device>> pending(String userCode) {
        return pool.preparedQuery("select * from device_authorization where user_code = $1 and status = 'pending'"
                        + " and expires_at > $2")
                .execute(Tuple.of(normalize(userCode), now()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    /** Records the user's decision on a pending authorization; false if it was no longer pending. */
    public Uni<Boolean> decide(String userCode, boolean approved, UUID userId, String sid, Instant authTime) {
        return pool.preparedQuery("update device_authorization set status = $2, user_id = $3, sid = $4, auth_time = $5"
                        + " where user_code = $1 and status = 'pending' and expires_at > $6")
                .execute(Tuple.from(Arrays.asList(
                        normalize(userCode),
                        approved ? "approved" : "denied",
                        userId,
                        sid,
                        authTime == null ? null : authTime.atOffset(ZoneOffset.UTC),
                        now())))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * A poll by the device: the authorization as it stands, with the time of the previous poll; an approved one is
     * consumed by the poll that sees it, so its tokens are issued once.
     */
    public Uni<Optional<Poll>> poll(String deviceCode) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select * from device_authorization where device_code_hash = $1 for update")
                .execute(Tuple.of(hasher.hash(deviceCode)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<Poll>empty());
                    }
                    var row = rows.iterator().next();
                    var device = read(row);
                    var previous = row.getOffsetDateTime("last_polled_at");
                    var polledAt = now();
                    var tooFast = previous != null
                            && previous.toInstant()
                                    .plusSeconds(device.interval())
                                    .isAfter(polledAt.toInstant());
                    var interval = tooFast ? device.interval() + 5 : device.interval();
                    var status = "approved".equals(device.status()) ? "consumed" : device.status();
                    return connection
                            .preparedQuery("update device_authorization set last_polled_at = $4, poll_interval = $2,"
                                    + " status = $3 where device_code_hash = $1")
                            .execute(Tuple.of(hasher.hash(deviceCode), interval, status, polledAt))
                            .replaceWith(Optional.of(new Poll(device, tooFast)));
                }));
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return pool.preparedQuery("delete from device_authorization where expires_at < $1")
                .execute(Tuple.of(now().minusHours(1)))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private String userCode() {
        var code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(USER_CODE_ALPHABET.charAt(random.nextInt(USER_CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    static String normalize(String userCode) {
        var letters = userCode.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        return letters.length() == 8 ? letters.substring(0, 4) + "-" + letters.substring(4) : letters;
    }

    private static Device read(Row row) {
        var authTime = row.getOffsetDateTime("auth_time");
        return new Device(
                row.getString("user_code"),
                row.getString("client_id"),
                row.getUUID("tenant_id"),
                row.getUUID("organization_id"),
                row.getString("scope"),
                row.getString("status"),
                row.getUUID("user_id"),
                row.getString("sid"),
                authTime == null ? null : authTime.toInstant(),
                row.getInteger("poll_interval"),
                row.getOffsetDateTime("expires_at").toInstant());
    }

    public record Started(String deviceCode, String userCode) {}

    /** {@code status}: pending, approved, denied or consumed (tokens already issued). */
    public record Device(
            String userCode,
            String clientId,
            UUID tenantId,
            UUID organizationId,
            String scope,
            String status,
            UUID userId,
            String sid,
            Instant authTime,
            int interval,
            Instant expiresAt) {}

    /** {@code tooFast}: the device polled before its interval passed (it must slow down by five seconds). */
    public record Poll(Device device, boolean tooFast) {}
}
