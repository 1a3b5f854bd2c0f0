package io.nexidentity.outbox;

import java.util.Optional;

/**
 * Who causes the events written in the current context, recorded as the CloudEvent {@code actor}. A service provides
 * one bean (for example from the caller's token); without it events carry no actor.
 */
public interface EventActor {

    Optional<String> current();
}
