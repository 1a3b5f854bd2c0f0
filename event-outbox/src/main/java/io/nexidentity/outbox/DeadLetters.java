package io.nexidentity.outbox;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import io.nexidentity.events.EventHeader;

/**
 * Records a consumer could not apply, kept in the service's own database with the failure (table
 * {@code dead_letter_event}), counted ({@code nexid.consumer.dead.letters}) and logged with their event id, so the
 * channel goes on and an operator can see, fix and re-publish them. The record is stored as bytes: it may hold what
 * made it fail, such as a NUL character that a text column refuses.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int ERROR_KEPT = 2000;

    private final Pool pool;
    private final MeterRegistry registry;

    DeadLetters(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    public Uni<Void> record(String consumer, String record, Throwable failure) {
        var header = header(record);
        var error = failure.toString();
        if (error.length() > ERROR_KEPT) {
            error = error.substring(0, ERROR_KEPT);
        }
        LOG.errorf(
                "%s dead-letters event %s (%s, tenant %s): %s",
                consumer,
                header == null ? "(unreadable)" : header.id(),
                header == null ? "?" : header.type(),
                header == null ? "?" : header.tenantId(),
                error);
        return pool.preparedQuery(
                        "insert into dead_letter_event (consumer, event_id, event_type, tenant_id, error, record)"
                                + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(new Object[] {
                    consumer,
                    header == null ? null : printable(header.id()),
                    header == null ? null : printable(header.type()),
                    header == null ? null : printable(header.tenantId()),
                    printable(error),
                    Buffer.buffer(record.getBytes(StandardCharsets.UTF_8))
                }))
                .invoke(() -> Counter.builder("nexid.consumer.dead.letters")
                        .description("Records a consumer could not apply, kept in dead_letter_event")
                        .tag("consumer", consumer)
                        .register(registry)
                        .increment())
                .replaceWithVoid();
    }

    private static EventHeader header(String record) {
        try {
            return EventHeader.read(record);
        } catch (Exception e) {
            return null;
        }
    }

    /** Text columns refuse NUL; whatever else a hostile record holds is kept as it is. */
    private static String printable(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }
}
