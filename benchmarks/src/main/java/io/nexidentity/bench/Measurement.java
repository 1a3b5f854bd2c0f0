package io.nexidentity.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** Latencies of one measured run, and its throughput. */
final class Measurement {

    private final Histogram latencies = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    private long startedAt;
    private long endedAt;

    void start() {
        startedAt = System.nanoTime();
    }

    synchronized void record(long nanos) {
        latencies.recordValue(Math.min(nanos, latencies.getHighestTrackableValue()));
    }

    void end() {
        endedAt = System.nanoTime();
    }

    String report(String name, String unit, int concurrency) {
        double seconds = (endedAt - startedAt) / 1e9;
        return String.format(
                Locale.ROOT,
                "%s: %.1f %s/s at concurrency %d, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms (n=%d, %d cores)",
                name,
                latencies.getTotalCount() / seconds,
                unit,
                concurrency,
                latencies.getValueAtPercentile(50) / 1e6,
                latencies.getValueAtPercentile(90) / 1e6,
                latencies.getValueAtPercentile(99) / 1e6,
                latencies.getTotalCount(),
                Runtime.getRuntime().availableProcessors());
    }
}
