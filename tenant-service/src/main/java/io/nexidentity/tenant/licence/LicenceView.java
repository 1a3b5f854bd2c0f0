package io.nexidentity.tenant.licence;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

public record LicenceView(
        UUID licenceId,
        String plan,
        String status,
        Instant startsAt,
        Instant expiresAt,
        Instant endedAt,
        String endReason) {

    public static LicenceView of(Licence licence) {
        return licence == null
                ? null
                : new LicenceView(
                        licence.id,
                        licence.plan.wireName(),
                        licence.status.name().toLowerCase(Locale.ROOT),
                        licence.startsAt,
                        licence.expiresAt,
                        licence.endedAt,
                        licence.endReason);
    }
}
