package io.nexidentity.tenant.recovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.tenant.Directory.RecoveryCompletion;
import io.nexidentity.events.tenant.Directory.RecoveryRequest;
import io.nexidentity.events.tenant.Directory.RecoveryTicket;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.RecoveryCompleted;
import io.nexidentity.events.tenant.TenantEvents.RecoveryRequested;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.identifier.Usernames;
import io.nexidentity.runtime.limit.AttemptLimiter;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.tenant.branding.BrandingService;
import io.nexidentity.tenant.password.PasswordService;
import io.nexidentity.tenant.user.User;
import io.nexidentity.tenant.user.User.UserStatus;
import io.nexidentity.tenant.user.UserService;

/**
 * "Forgot password": a request sends a single-use link that expires ({@link RecoveryConfig#linkLifetime()}) to an
 * active account, replacing any earlier link; requests are throttled per account, per address and per tenant; every
 * request is audited with its outcome, while the person asking learns nothing about whether the account exists (the
 * answer is the same, and the mail leaves after the answer). Using a link sets a new password under the password
 * policy, once.
 */
@ApplicationScoped
public class PasswordRecoveryService {

    private static final String PREFIX = "recovery:";

    private final PasswordRecoveryRepository recoveries;
    private final UserService users;
    private final PasswordService passwords;
    private final BrandingService branding;
    private final AttemptLimiter limiter;
    private final SecretHasher hasher;
    private final OutboxWriter outbox;
    private final RecoveryMail mail;
    private final RecoveryConfig config;
    private final Clock clock;

    PasswordRecoveryService(
            PasswordRecoveryRepository recoveries,
            UserService users,
            PasswordService passwords,
            BrandingService branding,
            AttemptLimiter limiter,
            SecretHasher hasher,
            OutboxWriter outbox,
            RecoveryMail mail,
            RecoveryConfig config,
            Clock clock) {
        this.recoveries = recoveries;
        this.users = users;
        this.passwords = passwords;
        this.branding = branding;
        this.limiter = limiter;
        this.hasher = hasher;
        this.outbox = outbox;
        this.mail = mail;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> request(UUID tenantId, RecoveryRequest request) {
        validate(request);
        var account = tenantId + ":" + Usernames.canonical(request.email());
        var limits = new TreeMap<String, Integer>();
        limits.put(PREFIX + "account:" + account, config.perAccount());
        if (request.addressKey() != null) {
            limits.put(PREFIX + request.addressKey(), config.perAddress());
        }
        return limiter.reserve(limits, config.window())
                .flatMap(reserved -> reserved.isEmpty()
                        ? throttled(tenantId, request, request.addressKey() == null ? account : request.addressKey())
                        : send(tenantId, request));
    }

    /**
     * A throttled request is audited once per address (or account) and window, not once per request: a flood of them
     * must not become a flood of events.
     */
    private Uni<Void> throttled(UUID tenantId, RecoveryRequest request, String key) {
        return limiter.reserve(new TreeMap<>(Map.of(PREFIX + "throttled:" + key, 1)), config.window())
                .flatMap(first -> first.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Panache.withTransaction(() -> audit(tenantId, null, request, "throttled")));
    }

    /**
     * Mails a link to an active account. Only mails count against the tenant's limit, so requests for accounts that do
     * not exist cannot use it up; the user's row is locked first, so of two requests at once the later one retires
     * the earlier one's link.
     */
    private Uni<Void> send(UUID tenantId, RecoveryRequest request) {
        var token = hasher.newSecret();
        return Panache.<Mailing>withTransaction(() -> users.findByEmail(tenantId, request.email())
                        .flatMap(user -> {
                            if (user == null) {
                                return audit(tenantId, null, request, "unknown_user")
                                        .replaceWith((Mailing) null);
                            }
                            if (user.status != UserStatus.ACTIVE) {
                                return audit(tenantId, user, request, "not_active")
                                        .replaceWith((Mailing) null);
                            }
                            return limiter.reserve(
                                            new TreeMap<>(Map.of(PREFIX + "tenant:" + tenantId, config.perTenant())),
                                            config.window())
                                    .flatMap(allowed -> allowed.isEmpty()
                                            ? audit(tenantId, user, request, "throttled")
                                                    .replaceWith((Mailing) null)
                                            : users.lock(user.id)
                                                    // deleted since it was looked up: nothing to send
                                                    .flatMap(locked -> locked == null
                                                            ? Uni.createFrom().<Mailing>nullItem()
                                                            : link(tenantId, locked, request, token)));
                        }))
                .invoke(mailing -> {
                    if (mailing != null) {
                        mail.send(
                                mailing.to(),
                                mailing.tenantName(),
                                request.resetUrl(),
                                token,
                                request.language(),
                                config.linkLifetime());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Mailing> link(UUID tenantId, User user, RecoveryRequest request, String token) {
        var now = clock.instant();
        var recovery = new PasswordRecovery();
        recovery.id = UUID.randomUUID();
        recovery.tenantId = tenantId;
        recovery.userId = user.id;
        recovery.clientId = request.clientId();
        recovery.tokenHash = hasher.hash(token);
        recovery.createdAt = now;
        recovery.expiresAt = now.plus(config.linkLifetime());
        return recoveries
                .retireOpen(user.id, now)
                .flatMap(retired -> recoveries.persist(recovery))
                .flatMap(stored -> audit(tenantId, user, request, "sent"))
                .flatMap(audited -> branding.forPages(tenantId))
                .map(page -> new Mailing(user.email, page.displayName()));
    }

    /** The link's tenant and client while it can still be used; a 404 problem otherwise. */
    public Uni<RecoveryTicket> inspect(String token) {
        return Panache.withSession(() -> recoveries.findByTokenHash(hasher.hash(required(token))))
                .map(recovery -> {
                    if (recovery == null || !recovery.usableAt(clock.instant())) {
                        throw invalidLink();
                    }
                    return new RecoveryTicket(recovery.tenantId, recovery.clientId, recovery.expiresAt);
                });
    }

    /**
     * Sets the new password and spends the link. The password is checked and hashed first; the link is then locked,
     * so of two uses at once only one counts.
     */
    public Uni<RecoveryTicket> complete(RecoveryCompletion completion) {
        var tokenHash = hasher.hash(required(completion.token()));
        return Panache.withSession(() -> recoveries.findByTokenHash(tokenHash).flatMap(recovery -> {
                    if (recovery == null || !recovery.usableAt(clock.instant())) {
                        throw invalidLink();
                    }
                    return users.find(recovery.tenantId, recovery.userId);
                }))
                .flatMap(user -> {
                    if (user == null) {
                        throw invalidLink();
                    }
                    return passwords.hashAcceptable(completion.newPassword(), user.email, "new_password");
                })
                .flatMap(hash -> Panache.withTransaction(() -> recoveries
                        .lockByTokenHash(tokenHash)
                        .flatMap(recovery -> {
                            var now = clock.instant();
                            if (recovery == null || !recovery.usableAt(now)) {
                                throw invalidLink();
                            }
                            recovery.usedAt = now;
                            return users.resetPassword(recovery.tenantId, recovery.userId, hash)
                                    .flatMap(user -> outbox.append(
                                            TenantEvents.RECOVERY_COMPLETED,
                                            user.id.toString(),
                                            recovery.tenantId.toString(),
                                            new RecoveryCompleted(user.id.toString(), recovery.clientId)))
                                    .replaceWith(new RecoveryTicket(
                                            recovery.tenantId, recovery.clientId, recovery.expiresAt));
                        })));
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return limiter.forget(PREFIX, config.window())
                .flatMap(forgotten -> Panache.withTransaction(
                        () -> recoveries.deleteExpiredBefore(clock.instant().minus(config.window()))))
                .replaceWithVoid();
    }

    private Uni<Void> audit(UUID tenantId, User user, RecoveryRequest request, String outcome) {
        return outbox.append(
                        TenantEvents.RECOVERY_REQUESTED,
                        user == null ? request.email() : user.id.toString(),
                        tenantId.toString(),
                        new RecoveryRequested(
                                user == null ? null : user.id.toString(),
                                request.email(),
                                request.clientId(),
                                outcome,
                                request.address()))
                .replaceWithVoid();
    }

    private static void validate(RecoveryRequest request) {
        if (request == null
                || request.email() == null
                || request.email().isBlank()
                || request.email().length() > 320
                || request.email().indexOf('\0') >= 0) {
            throw ProblemException.invalidField("email", "email must be given (at most 320 characters)");
        }
        if (request.clientId() == null || request.clientId().isBlank()) {
            throw ProblemException.invalidField("client_id", "client_id must be given");
        }
        URI resetUrl;
        try {
            resetUrl = new URI(request.resetUrl() == null ? "" : request.resetUrl());
        } catch (URISyntaxException e) {
            resetUrl = URI.create("");
        }
        if (!resetUrl.isAbsolute() || !("https".equals(resetUrl.getScheme()) || "http".equals(resetUrl.getScheme()))) {
            throw ProblemException.invalidField("reset_url", "reset_url must be an absolute http(s) URL");
        }
    }

    private static String required(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            throw invalidLink();
        }
        return token;
    }

    private static ProblemException invalidLink() {
        return new ProblemException(Problem.of(
                "recovery-link-invalid",
                "Not found",
                404,
                "The recovery link is unknown, already used or expired; ask for a new one."));
    }

    private record Mailing(String to, String tenantName) {}
}
