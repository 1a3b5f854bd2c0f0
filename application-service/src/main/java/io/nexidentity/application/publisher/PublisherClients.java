package io.nexidentity.application.publisher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.runtime.internal.InternalApi;

/**
 * ManifestPublisher clients as the client-service describes them (secrets as keyed hashes), projected from
 * {@code nexid.client.v1} and read through from the client-service on a miss.
 */
@ApplicationScoped
public class PublisherClients {

    static final String PROFILE = "manifest_publisher";
    private static final Duration READ_THROUGH_MARGIN = Duration.ofSeconds(10);

    private final Pool pool;
    private final InternalApi internalApi;
    private final ObjectMapper mapper;
    private final String clientServiceUrl;
    private final Clock clock = Clock.systemUTC();

    PublisherClients(
            Pool pool,
            InternalApi internalApi,
            ObjectMapper mapper,
            @ConfigProperty(name = "nexid.services.client-service.url") String clientServiceUrl) {
        this.pool = pool;
        this.internalApi = internalApi;
        this.mapper = mapper;
        this.clientServiceUrl = clientServiceUrl;
    }

    /** An id that is not exactly a client id is unknown at once: it reaches neither a query nor the client-service. */
    public Uni<Optional<ClientSnapshot>> find(String clientId) {
        if (!ClientIds.valid(clientId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("select snapshot from projected_client where client_id = $1")
                .execute(Tuple.of(clientId))
                .flatMap(rows -> rows.size() > 0
                        ? Uni.createFrom()
                                .item(Optional.of(read(rows.iterator().next().getJsonObject(0))))
                        : internalApi
                                .get(clientServiceUrl, ClientSnapshot.class, "/internal/v1/clients/{}", clientId)
                                .map(fetched -> fetched.filter(client -> clientId.equals(client.clientId())))
                                .call(fetched -> fetched.isPresent()
                                        ? put(
                                                pool,
                                                fetched.get(),
                                                clock.instant().minus(READ_THROUGH_MARGIN))
                                        : Uni.createFrom().voidItem()))
                .map(found -> found.filter(client -> PROFILE.equals(client.profile())));
    }

    /** Stores (or, for a deleted client, removes) a client, unless the row holds a newer fact. */
    Uni<Void> put(SqlClient sql, ClientSnapshot client, Instant asOf) {
        if (!PROFILE.equals(client.profile())) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery("""
                        insert into projected_client (client_id, tenant_id, application_id, snapshot, as_of)
                        values ($1, $2, $3, $4, $5)
                        on conflict (client_id) do update set snapshot = excluded.snapshot, as_of = excluded.as_of
                        where projected_client.as_of <= excluded.as_of""")
                .execute(Tuple.of(
                        client.clientId(),
                        client.tenantId(),
                        client.applicationId(),
                        new JsonObject(write(client)),
                        asOf.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private ClientSnapshot read(JsonObject json) {
        try {
            return mapper.readValue(json.encode(), ClientSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable client projection", e);
        }
    }

    private String write(ClientSnapshot client) {
        try {
            return mapper.writeValueAsString(client);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Pool pool() {
        return pool;
    }
}
