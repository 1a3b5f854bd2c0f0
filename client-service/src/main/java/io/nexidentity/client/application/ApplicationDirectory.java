package io.nexidentity.client.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.runtime.internal.InternalApi;

/**
 * Applications as the application-service publishes them, projected from {@code nexid.application.v1} and read through
 * from the application-service on a miss (an application created a moment ago).
 */
@ApplicationScoped
public class ApplicationDirectory {

    private static final Duration READ_THROUGH_MARGIN = Duration.ofSeconds(10);

    private final Pool pool;
    private final InternalApi internalApi;
    private final ObjectMapper mapper;
    private final String applicationServiceUrl;
    private final Clock clock = Clock.systemUTC();

    ApplicationDirectory(
            Pool pool,
            InternalApi internalApi,
            ObjectMapper mapper,
            @ConfigProperty(name = "nexid.services.application-service.url") String applicationServiceUrl) {
        this.pool = pool;
        this.internalApi = internalApi;
        this.mapper = mapper;
        this.applicationServiceUrl = applicationServiceUrl;
    }

    public Uni<Optional<ApplicationSnapshot>> find(UUID applicationId) {
        return pool.preparedQuery("select snapshot from projected_application where application_id = $1")
                .execute(Tuple.of(applicationId))
                .flatMap(rows -> rows.size() > 0
                        ? Uni.createFrom()
                                .item(Optional.of(read(rows.iterator().next().getString(0))))
                        : internalApi
                                .get(
                                        applicationServiceUrl,
                                        ApplicationSnapshot.class,
                                        "/internal/v1/applications/{}",
                                        applicationId)
                                .call(fetched -> fetched.isPresent()
                                        ? put(
                                                pool,
                                                fetched.get(),
                                                clock.instant().minus(READ_THROUGH_MARGIN))
                                        : Uni.createFrom().voidItem()));
    }

    /** Stores an application unless the row already holds a newer fact. */
    Uni<Void> put(SqlClient sql, ApplicationSnapshot application, Instant asOf) {
        return sql.preparedQuery("""
                        insert into projected_application (application_id, tenant_id, snapshot, as_of) values ($1, $2, $3, $4)
                        on conflict (application_id) do update set snapshot = excluded.snapshot, as_of = excluded.as_of
                        where projected_application.as_of <= excluded.as_of""")
                .execute(Tuple.of(
                        application.applicationId(),
                        application.tenantId(),
                        write(application),
                        asOf.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    Pool pool() {
        return pool;
    }

    private ApplicationSnapshot read(String json) {
        try {
            return mapper.readValue(json, ApplicationSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable application projection", e);
        }
    }

    private String write(ApplicationSnapshot application) {
        try {
            return mapper.writeValueAsString(application);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
