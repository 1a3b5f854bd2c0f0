package io.nexidentity.runtime.identifier;

import java.util.Locale;

/**
 * The canonical form of a username (an email address) as the tenant-service identifies users: what it stores for
 * lookups, and what anything keyed by username (the sign-in throttle) must use, so that {@code "Ann@x "} and {@code
 * "ann@x"} are one account everywhere.
 */
public final class Usernames {

    private Usernames() {}

    public static String canonical(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
