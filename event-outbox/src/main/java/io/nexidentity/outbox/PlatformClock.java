package io.nexidentity.outbox;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one clock of a service, injected wherever time is read, so that a test can replace it (a bean of type
 * {@link Clock} of its own wins over this default) and let time pass without sleeping.
 */
public class PlatformClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
