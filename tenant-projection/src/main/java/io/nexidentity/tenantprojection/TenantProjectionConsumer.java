package io.nexidentity.tenantprojection;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.tenant.OrganizationSnapshot;
import io.nexidentity.events.tenant.Quotas;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.LicenceChanged;
import io.nexidentity.events.tenant.TenantEvents.OrganizationChanged;
import io.nexidentity.events.tenant.TenantEvents.TenantRegistered;
import io.nexidentity.events.tenant.TenantEvents.TenantRenamed;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.outbox.IncomingEvents;
import io.nexidentity.outbox.ProcessedEvents;

/** Applies tenant, licence and organization events to the projection, each once. */
@ApplicationScoped
public class TenantProjectionConsumer {

    static final String CONSUMER = "tenant-projection";
    private static final Logger LOG = Logger.getLogger(TenantProjectionConsumer.class);
    private static final Quotas NONE = new Quotas(0, 0, 0, 0, 0);
    private static final Set<String> ORGANIZATION_TYPES = Set.of(
            TenantEvents.ORGANIZATION_CREATED.type(),
            TenantEvents.ORGANIZATION_RENAMED.type(),
            TenantEvents.ORGANIZATION_SUSPENDED.type(),
            TenantEvents.ORGANIZATION_REACTIVATED.type());

    private final TenantProjectionStore store;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;
    private final ConsumerGuard guard;

    TenantProjectionConsumer(
            TenantProjectionStore store, ProcessedEvents processed, ObjectMapper mapper, ConsumerGuard guard) {
        this.store = store;
        this.processed = processed;
        this.mapper = mapper;
        this.guard = guard;
    }

    @Incoming("tenant-projection")
    public Uni<Void> consume(String json) {
        return guard.apply(CONSUMER, json, this::apply);
    }

    private Uni<Void> apply(String json) {
        var event = IncomingEvents.read(mapper, json, CONSUMER).orElse(null);
        if (event == null || !relevant(event.type()) || !wellFormed(event)) {
            return Uni.createFrom().voidItem();
        }
        return store.pool()
                .withTransaction(connection -> processed
                        .markProcessed(connection, CONSUMER, event.id())
                        .flatMap(first -> first
                                ? apply(connection, event)
                                : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(SqlClient sql, CloudEvent event) {
        var tenantId = UUID.fromString(event.tenantid());
        Instant at = event.time();
        var type = event.type();
        if (type.equals(TenantEvents.TENANT_REGISTERED.type())) {
            var registered = mapper.convertValue(event.data(), TenantRegistered.class);
            return store.putTenant(
                    sql,
                    new TenantSnapshot(
                            tenantId,
                            registered.slug(),
                            registered.name(),
                            "active",
                            registered.plan(),
                            "pending",
                            NONE),
                    at);
        }
        if (type.equals(TenantEvents.TENANT_RENAMED.type())) {
            return store.renameTenant(
                    sql,
                    tenantId,
                    mapper.convertValue(event.data(), TenantRenamed.class).name(),
                    at);
        }
        if (ORGANIZATION_TYPES.contains(type)) {
            var organization = mapper.convertValue(event.data(), OrganizationChanged.class);
            return store.putOrganization(
                    sql,
                    new OrganizationSnapshot(
                            UUID.fromString(organization.organizationId()),
                            tenantId,
                            organization.name(),
                            organization.status()),
                    at);
        }
        var licence = mapper.convertValue(event.data(), LicenceChanged.class);
        var active = "active".equals(licence.status());
        return store.putTenant(
                sql,
                new TenantSnapshot(
                        tenantId,
                        null,
                        null,
                        "active",
                        licence.plan(),
                        licence.status(),
                        active ? licence.quotas() : NONE),
                at);
    }

    /** An event this projection cannot use is skipped (and logged), never allowed to stop the consumer. */
    private boolean wellFormed(CloudEvent event) {
        var data = event.data();
        var missing = event.tenantid() == null
                || event.time() == null
                || data == null
                || (ORGANIZATION_TYPES.contains(event.type()) && !data.hasNonNull("organization_id"))
                || (event.type().startsWith("nexid.licence.") && !data.hasNonNull("status"))
                || (event.type().equals(TenantEvents.TENANT_REGISTERED.type()) && !data.hasNonNull("plan"));
        if (missing) {
            LOG.warnf("skipping malformed %s event %s", event.type(), event.id());
        }
        return !missing;
    }

    private static boolean relevant(String type) {
        return type.equals(TenantEvents.TENANT_REGISTERED.type())
                || type.equals(TenantEvents.TENANT_RENAMED.type())
                || ORGANIZATION_TYPES.contains(type)
                || type.equals(TenantEvents.LICENCE_ASSIGNED.type())
                || type.equals(TenantEvents.LICENCE_REVOKED.type())
                || type.equals(TenantEvents.LICENCE_EVALUATION_EXPIRED.type());
    }
}
