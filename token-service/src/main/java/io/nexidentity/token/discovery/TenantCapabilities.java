package io.nexidentity.token.discovery;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.token.client.RegisteredClient;

/** What a tenant's usable clients are registered for: their grant types, authentication methods and scopes. */
@ApplicationScoped
public class TenantCapabilities {

    private final Pool pool;
    private final ObjectMapper mapper;
    private final Clock clock;

    TenantCapabilities(Pool pool, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<Capabilities> of(UUID tenantId) {
        return pool.preparedQuery("select record from projected_client"
                        + " where record is not null and (record::jsonb ->> 'tenant_id') = $1")
                .execute(Tuple.of(tenantId.toString()))
                .map(rows -> {
                    var capabilities = new Capabilities(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
                    // every tenant has its admin client, held in no table
                    capabilities.add(RegisteredClient.admin(tenantId));
                    var now = clock.instant();
                    for (var row : rows) {
                        var client = read(row.getString("record"));
                        if (client.usableAt(now)) {
                            capabilities.add(client);
                        }
                    }
                    return capabilities;
                });
    }

    private RegisteredClient read(String json) {
        try {
            return mapper.readValue(json, RegisteredClient.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable projected client", e);
        }
    }

    /** Sorted unions over the tenant's usable clients and its admin client. */
    public record Capabilities(Set<String> grantTypes, Set<String> authMethods, Set<String> scopes) {

        void add(RegisteredClient client) {
            grantTypes.addAll(client.grantTypes());
            authMethods.addAll(client.authMethods());
            scopes.addAll(client.scopes());
        }
    }
}
