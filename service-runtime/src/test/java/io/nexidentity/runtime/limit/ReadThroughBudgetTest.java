package io.nexidentity.runtime.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ReadThroughBudgetTest {

    private final AtomicLong now = new AtomicLong();
    private final ReadThroughBudget budget = new ReadThroughBudget(50, now::get);

    @Test
    void takeWhenASecondsWorthIsSpentAtOnceThenRefusedUntilTimeRefillsIt() {
        assertThat(granted(1000)).isEqualTo(50);

        now.addAndGet(100_000_000);
        assertThat(granted(1000)).isEqualTo(5);

        now.addAndGet(60_000_000_000L);
        assertThat(granted(1000)).isEqualTo(50);
    }

    private long granted(int attempts) {
        return IntStream.range(0, attempts).filter(i -> budget.take()).count();
    }
}
