package io.nexidentity.runtime.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/** UUIDv7 (RFC 9562) identifiers: random, yet ordered by creation time, so that id order is a stable cursor order. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID newId() {
        return newId(System.currentTimeMillis());
    }

    static UUID newId(long millis) {
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
