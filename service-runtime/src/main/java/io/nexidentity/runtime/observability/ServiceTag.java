package io.nexidentity.runtime.observability;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every meter carries {@code service} (the application name): metrics several services publish under one name (the
 * outbox backlog, consumer retries) can be told apart however Prometheus labels its scrape targets.
 */
@Singleton
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(Tags.of("service", service));
    }
}
