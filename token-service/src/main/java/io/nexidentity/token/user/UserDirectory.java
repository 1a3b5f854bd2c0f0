package io.nexidentity.token.user;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.Directory.PageBranding;
import io.nexidentity.events.tenant.Directory.PasswordVerification;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.runtime.internal.InternalApi;

/**
 * Users as sign-in and user tokens need them. The password check is the tenant-service's (internal API). A user's
 * status and membership context, tenants and their branding are kept in memory: read through the internal API the
 * first time, forgotten the moment an event on {@code nexid.tenant.v1} says they changed ({@link UserChangeConsumer}),
 * so token issuance needs no network call and a disabled user or a changed role counts as soon as the event arrives.
 */
@ApplicationScoped
public class UserDirectory {

    private final InternalApi internalApi;
    private final String tenantServiceUrl;
    private final Cache<UUID, UserContext> users = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final Cache<UUID, TenantSnapshot> tenants = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final Cache<UUID, PageBranding> brandings = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    /** Counts changes, so that an answer read while a change arrived is not remembered over it. */
    private long changes;

    UserDirectory(
            InternalApi internalApi,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.internalApi = internalApi;
        this.tenantServiceUrl = tenantServiceUrl;
    }

    public Uni<PasswordVerification> verifyPassword(UUID tenantId, String email, String password) {
        var seen = changesSeen();
        return internalApi
                .post(
                        tenantServiceUrl,
                        Map.of("email", email, "password", password),
                        PasswordVerification.class,
                        "/internal/v1/tenants/{}/password-verifications",
                        tenantId)
                .invoke(verification -> {
                    if (verification.verified()) {
                        remember(users, verification.userId(), verification.user(), seen);
                    }
                });
    }

    public Uni<Optional<UserContext>> user(UUID tenantId, UUID userId) {
        var known = users.getIfPresent(userId);
        if (known != null) {
            return Uni.createFrom()
                    .item(Optional.of(known).filter(user -> user.tenantId().equals(tenantId)));
        }
        return readThrough(
                users,
                userId,
                () -> internalApi.get(
                        tenantServiceUrl, UserContext.class, "/internal/v1/tenants/{}/users/{}", tenantId, userId));
    }

    public Uni<Optional<TenantSnapshot>> tenant(UUID tenantId) {
        var known = tenants.getIfPresent(tenantId);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return readThrough(
                tenants,
                tenantId,
                () -> internalApi.get(tenantServiceUrl, TenantSnapshot.class, "/internal/v1/tenants/{}", tenantId));
    }

    /** How the hosted pages present the tenant (its branding, or its name). */
    public Uni<Optional<PageBranding>> branding(UUID tenantId) {
        var known = brandings.getIfPresent(tenantId);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return readThrough(
                brandings,
                tenantId,
                () -> internalApi.get(
                        tenantServiceUrl, PageBranding.class, "/internal/v1/tenants/{}/branding", tenantId));
    }

    /** The user changed (status, profile, a membership): the next read asks the tenant-service. */
    public synchronized void forgetUser(UUID userId) {
        changes++;
        users.invalidate(userId);
    }

    public synchronized void forgetTenant(UUID tenantId) {
        changes++;
        tenants.invalidate(tenantId);
        brandings.invalidate(tenantId);
    }

    private <T> Uni<Optional<T>> readThrough(Cache<UUID, T> cache, UUID id, Supplier<Uni<Optional<T>>> read) {
        var seen = changesSeen();
        return read.get().invoke(found -> found.ifPresent(value -> remember(cache, id, value, seen)));
    }

    private synchronized long changesSeen() {
        return changes;
    }

    private synchronized <T> void remember(Cache<UUID, T> cache, UUID id, T value, long seen) {
        if (changes == seen && value != null) {
            cache.put(id, value);
        }
    }
}
