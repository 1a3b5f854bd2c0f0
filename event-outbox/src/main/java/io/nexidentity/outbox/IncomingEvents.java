package io.nexidentity.outbox;

import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;

/**
 * Reading records of the domain topics. A record that is not a CloudEvent, or whose payload does not read as the
 * consumer's type, can never be applied: it is logged and skipped, since failing on it would stop the channel (and the
 * service's readiness) for good.
 */
public final class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private IncomingEvents() {}

    public static Optional<CloudEvent> read(ObjectMapper mapper, String json, String consumer) {
        try {
            var event = mapper.readValue(json, CloudEvent.class);
            if (event.id() == null || event.type() == null) {
                LOG.warnf("%s skips a record without event id or type", consumer);
                return Optional.empty();
            }
            return Optional.of(event);
        } catch (Exception e) {
            LOG.warnf("%s skips a record that is not a CloudEvent: %s", consumer, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The event's payload as {@code type}, if it reads as one and is {@code complete} (carries what the consumer needs:
     * a payload missing its identifiers would otherwise fail at the database every time it is retried).
     */
    public static <T> Optional<T> payload(
            ObjectMapper mapper, CloudEvent event, Class<T> type, Predicate<T> complete, String consumer) {
        try {
            var payload = mapper.convertValue(event.data(), type);
            if (payload == null || !complete.test(payload)) {
                LOG.warnf("%s skips event %s (%s): incomplete payload", consumer, event.id(), event.type());
                return Optional.empty();
            }
            return Optional.of(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf(
                    "%s skips event %s (%s): unreadable payload: %s",
                    consumer, event.id(), event.type(), e.getMessage());
            return Optional.empty();
        }
    }
}
