package io.nexidentity.runtime.limit;

import java.util.function.LongSupplier;

/**
 * A token bucket of read-throughs: {@code perSecond} a second on average, up to a second's worth at once. Each call
 * that misses both local layers would otherwise cost the owner a request, whoever invents the ids. Credit is counted
 * in nanoseconds of elapsed time, so the arithmetic is exact.
 */
public final class ReadThroughBudget {

    private static final long SECOND = 1_000_000_000L;

    private final long cost;
    private final LongSupplier nanoTime;
    private long credit = SECOND;
    private long refilledAt;

    public ReadThroughBudget(int perSecond, LongSupplier nanoTime) {
        this.cost = SECOND / perSecond;
        this.nanoTime = nanoTime;
        this.refilledAt = nanoTime.getAsLong();
    }

    public synchronized boolean take() {
        var now = nanoTime.getAsLong();
        credit = Math.min(SECOND, credit + (now - refilledAt));
        refilledAt = now;
        if (credit < cost) {
            return false;
        }
        credit -= cost;
        return true;
    }
}
