package io.nexidentity.token.client;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.client.ClientEvents;
import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.BootstrapCredentialChanged;
import io.nexidentity.outbox.ConsumerGuard;

/**
 * Client changes from {@code nexid.client.v1} and bootstrap credentials from {@code nexid.tenant.v1}, into the
 * database projection (durable group) and into this instance's memory (own group): a disabled client or a rotated
 * secret takes effect as soon as the event arrives. Applying a whole snapshot twice changes nothing, so no ledger.
 */
@ApplicationScoped
public class ClientChangeConsumer {

    private static final Set<String> CLIENT_TYPES = ClientEvents.ALL.stream()
            .filter(type -> type.payloadType() == ClientSnapshot.class)
            .map(type -> type.type())
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> BOOTSTRAP_TYPES =
            Set.of(TenantEvents.BOOTSTRAP_CREDENTIAL_ISSUED.type(), TenantEvents.BOOTSTRAP_CREDENTIAL_REVOKED.type());

    private static final String CONSUMER = "client-projection";
    private static final Logger LOG = Logger.getLogger(ClientChangeConsumer.class);

    private final ClientRegistry registry;
    private final ObjectMapper mapper;
    private final ConsumerGuard guard;

    ClientChangeConsumer(ClientRegistry registry, ObjectMapper mapper, ConsumerGuard guard) {
        this.registry = registry;
        this.mapper = mapper;
        this.guard = guard;
    }

    @Incoming("token-clients-store")
    public Uni<Void> store(String json) {
        return guard.apply(CONSUMER, json, record -> {
            var change = change(record);
            return change == null
                    ? Uni.createFrom().voidItem()
                    : registry.store(
                            change.client(), change.deleted(), change.event().time());
        });
    }

    @Incoming("token-clients-cache")
    public void remember(String json) {
        var change = change(json);
        if (change != null) {
            registry.remember(change.client(), change.deleted(), change.event().time());
        }
    }

    /** The change an event carries; null for other events and for events that cannot be applied (skipped, logged). */
    private Change change(String json) {
        try {
            return decode(json);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("skipping an event the client projection cannot apply: %s", e.toString());
            return null;
        }
    }

    private Change decode(String json) throws JsonProcessingException {
        var event = mapper.readValue(json, CloudEvent.class);
        if (CLIENT_TYPES.contains(event.type())) {
            var snapshot = mapper.convertValue(event.data(), ClientSnapshot.class);
            if (snapshot.clientId() == null) {
                LOG.warnf("skipping client event %s without a client id", event.id());
                return null;
            }
            return new Change(
                    event, RegisteredClient.of(snapshot), event.type().equals(ClientEvents.CLIENT_DELETED.type()));
        }
        if (BOOTSTRAP_TYPES.contains(event.type())) {
            var credential = mapper.convertValue(event.data(), BootstrapCredentialChanged.class);
            var client = RegisteredClient.bootstrap(
                    credential.clientId(),
                    UUID.fromString(event.tenantid()),
                    UUID.fromString(credential.organizationId()),
                    credential.secretHash(),
                    credential.scopes(),
                    credential.expiresAt(),
                    "active".equals(credential.status()));
            return new Change(event, client, false);
        }
        return null;
    }

    private record Change(CloudEvent event, RegisteredClient client, boolean deleted) {}
}
