package io.nexidentity.runtime.identifier;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import io.nexidentity.runtime.persistence.Ids;

/**
 * The exact syntax of client ids: {@code nxc-} (client-service clients), {@code nxb-} (tenants' bootstrap
 * credentials) or {@code nxa-} (a tenant's admin client, the tenant's id) and a UUIDv7 in its canonical lower-case form. Anything else a caller sends is not a client id, and is
 * refused before it reaches a query, a URL or a cache key. The UUIDv7 also tells when the client was created.
 */
public final class ClientIds {

    public static final String CLIENT_PREFIX = "nxc-";
    public static final String BOOTSTRAP_PREFIX = "nxb-";
    public static final String ADMIN_PREFIX = "nxa-";
    private static final Pattern SYNTAX =
            Pattern.compile("nx[abc]-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private ClientIds() {}

    public static String newClientId() {
        return CLIENT_PREFIX + Ids.newId();
    }

    public static String newBootstrapClientId() {
        return BOOTSTRAP_PREFIX + Ids.newId();
    }

    /** The tenant's admin client: the public client its people sign in through to administer it. */
    public static String adminClientId(UUID tenantId) {
        return ADMIN_PREFIX + tenantId;
    }

    public static boolean valid(String clientId) {
        return clientId != null
                && clientId.length() == 40
                && SYNTAX.matcher(clientId).matches();
    }

    /** When a {@link #valid} client id was created (its UUIDv7's milliseconds). */
    public static Instant createdAt(String clientId) {
        var hex = clientId.substring(4, 12) + clientId.substring(13, 17);
        return Instant.ofEpochMilli(Long.parseLong(hex, 16));
    }
}
