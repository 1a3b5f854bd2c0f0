package io.nexidentity.tenant.user;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

public record UserView(
        UUID userId,
        String email,
        String name,
        String status,
        boolean passwordSet,
        Instant createdAt,
        Instant updatedAt) {

    public static UserView of(User user) {
        return new UserView(
                user.id,
                user.email,
                user.name,
                user.status.name().toLowerCase(Locale.ROOT),
                user.passwordHash != null,
                user.createdAt,
                user.updatedAt);
    }
}
