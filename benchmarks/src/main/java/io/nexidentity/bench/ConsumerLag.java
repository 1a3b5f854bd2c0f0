package io.nexidentity.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;

/**
 * Benchmarks start from no lag: events earlier runs (other benchmarks, tests) left on the topics are consumed by the
 * service under test before the clock starts, or they would be measured as its work.
 */
final class ConsumerLag {

    private ConsumerLag() {}

    static void awaitCaughtUp(String bootstrap, String group) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            long lag;
            do {
                var committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                var ends = admin.listOffsets(committed.keySet().stream()
                                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                        .all()
                        .get();
                lag = committed.entrySet().stream()
                        .mapToLong(entry -> ends.get(entry.getKey()).offset()
                                - (entry.getValue() == null
                                        ? 0
                                        : entry.getValue().offset()))
                        .sum();
                if (lag > 0) {
                    Thread.sleep(500);
                }
            } while (lag > 0 && System.nanoTime() < deadline);
            if (lag > 0) {
                throw new IllegalStateException(group + " still lags " + lag + " events behind");
            }
        }
    }
}
