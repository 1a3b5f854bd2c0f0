package io.nexidentity.webhook.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.events.EventType;
import io.nexidentity.events.webhook.WebhookEvents;
import io.nexidentity.events.webhook.WebhookEvents.EndpointChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.persistence.TransactionLocks;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.problem.QuotaExceeded;
import io.nexidentity.runtime.security.TenantGuard;
import io.nexidentity.tenantprojection.TenantDirectory;
import io.nexidentity.webhook.signing.WebhookSigner;
import io.nexidentity.webhook.ssrf.AddressGuard;

/** Endpoint lifecycle: registration (SSRF-checked, within the plan's quota), changes, secret rotation, removal. */
@ApplicationScoped
public class EndpointService {

    static final String RESOURCE = "webhook_endpoint";
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    /** Payloads are stored once per event (see the delivery package) and kept while any delivery refers to them. */
    private static final String FORGET_EVENTS_OF_ENDPOINT_ONLY = """
            delete from webhook_event e where e.tenant_id = :tenant
                and e.event_id in (select event_id from webhook_delivery where endpoint_id = :endpoint)
                and not exists (select 1 from webhook_delivery o where o.event_id = e.event_id and o.replay_of is null
                    and o.tenant_id = e.tenant_id and o.endpoint_id <> :endpoint)""";

    private final EndpointRepository endpoints;
    private final WebhookSecrets secrets;
    private final AddressGuard guardAddresses;
    private final TenantDirectory tenants;
    private final TenantGuard guard;
    private final OutboxWriter outbox;
    private final Clock clock;

    EndpointService(
            EndpointRepository endpoints,
            WebhookSecrets secrets,
            AddressGuard guardAddresses,
            TenantDirectory tenants,
            TenantGuard guard,
            OutboxWriter outbox,
            Clock clock) {
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.guardAddresses = guardAddresses;
        this.tenants = tenants;
        this.guard = guard;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<EndpointView> create(UUID tenantId, EndpointRequests.CreateEndpoint request) {
        var scheme = request.signatureScheme() == null ? "v1" : request.signatureScheme();
        return checkedUrl(request.url())
                .flatMap(url -> tenants.organization(request.organizationId()))
                .flatMap(found -> guard.requireOwned(
                        "organization",
                        request.organizationId(),
                        found.orElse(null),
                        o -> o.tenantId(),
                        "create_webhook_endpoint"))
                .flatMap(organization -> tenants.tenant(tenantId))
                .flatMap(tenant -> TransactionLocks.lock("webhook-endpoint-quota", tenantId)
                        .flatMap(locked -> endpoints.countOf(tenantId))
                        .flatMap(used -> {
                            int limit = tenant.map(t -> t.quotas().webhookEndpoints())
                                    .orElse(0);
                            if (used >= limit) {
                                var plan = tenant.map(t -> t.plan()).orElse("none");
                                throw QuotaExceeded.of(
                                        "webhook_endpoints",
                                        plan,
                                        limit,
                                        used,
                                        "The " + plan + " plan allows " + limit + " webhook endpoints and " + used
                                                + " exist.");
                            }
                            var now = clock.instant();
                            var endpoint = new WebhookEndpoint();
                            endpoint.id = Ids.newId();
                            endpoint.tenantId = tenantId;
                            endpoint.organizationId = request.organizationId();
                            endpoint.url = request.url();
                            endpoint.description = request.description();
                            endpoint.eventTypes = List.copyOf(request.eventTypes());
                            endpoint.enabled = request.enabled() == null || request.enabled();
                            endpoint.subscribedSince = now;
                            endpoint.signatureScheme = scheme;
                            endpoint.createdAt = now;
                            endpoint.updatedAt = now;
                            var shown = new String[1];
                            String publicKey = null;
                            if ("v1a".equals(scheme)) {
                                var pair = WebhookSigner.newKeyPair();
                                endpoint.ed25519PublicKey = pair.publicKey();
                                endpoint.ed25519PrivateSealed = secrets.sealPrivateKey(endpoint.id, pair.privateKey());
                                publicKey = pair.publicKey();
                            }
                            var secret = secrets.newSecret(endpoint.id, now, shown);
                            var verifyWith = publicKey;
                            return endpoints
                                    .persist(endpoint)
                                    .flatMap(saved -> Panache.getSession().flatMap(session -> session.persist(secret)))
                                    .flatMap(saved -> publish(WebhookEvents.ENDPOINT_CREATED, endpoint, null))
                                    .replaceWith(EndpointView.of(endpoint, shown[0], verifyWith));
                        }));
    }

    @WithSession
    public Uni<Page<EndpointView>> list(UUID tenantId, UUID after, int limit) {
        return endpoints
                .listPage(tenantId, after, limit + 1)
                .map(rows -> Page.of(
                        rows, limit, endpoint -> endpoint.id, endpoint -> EndpointView.of(endpoint, null, null)));
    }

    @WithSession
    public Uni<EndpointView> get(UUID id) {
        return owned(id, "read").map(endpoint -> EndpointView.of(endpoint, null, null));
    }

    @WithTransaction
    public Uni<EndpointView> update(UUID id, EndpointRequests.UpdateEndpoint request) {
        Uni<String> url = request.url() == null ? Uni.createFrom().nullItem() : checkedUrl(request.url());
        return url.flatMap(checked -> change(
                id,
                "update",
                endpoint -> {
                    if (checked != null) {
                        endpoint.url = checked;
                    }
                    if (request.description() != null) {
                        endpoint.description = request.description();
                    }
                    if (request.eventTypes() != null) {
                        endpoint.eventTypes = List.copyOf(request.eventTypes());
                        endpoint.subscribedSince = clock.instant();
                    }
                    if (request.enabled() != null && request.enabled() != endpoint.enabled) {
                        endpoint.enabled = request.enabled();
                        endpoint.failingSince = null;
                        endpoint.disabledReason = endpoint.enabled ? null : "disabled by an admin";
                        if (endpoint.enabled) {
                            endpoint.subscribedSince = clock.instant();
                        }
                    }
                },
                WebhookEvents.ENDPOINT_UPDATED));
    }

    /** Removes the endpoint with its history (deliveries and attempts go with it), and the events only it had. */
    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return owned(id, "delete")
                .call(endpoint -> publish(WebhookEvents.ENDPOINT_DELETED, endpoint, null))
                .call(endpoint -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(FORGET_EVENTS_OF_ENDPOINT_ONLY)
                                .setParameter("endpoint", id)
                                .setParameter("tenant", endpoint.tenantId)
                                .executeUpdate()))
                .flatMap(endpoints::delete);
    }

    /** A new secret (shown once); the previous ones keep signing until the overlap ends. */
    @WithTransaction
    public Uni<RotatedSecret> rotate(UUID id, Integer previousValidSeconds) {
        var overlap = previousValidSeconds == null ? DEFAULT_OVERLAP : Duration.ofSeconds(previousValidSeconds);
        return lockedOwned(id, "rotate_secret")
                .flatMap(endpoint -> Panache.getSession()
                        .flatMap(session -> session.createSelectionQuery(
                                        "from WebhookSecret where endpointId = ?1", WebhookSecret.class)
                                .setParameter(1, id)
                                .getResultList()
                                .flatMap(existing -> {
                                    var now = clock.instant();
                                    var until = now.plus(overlap);
                                    existing.stream()
                                            .filter(secret ->
                                                    secret.expiresAt == null || secret.expiresAt.isAfter(until))
                                            .forEach(secret -> secret.expiresAt = until);
                                    var shown = new String[1];
                                    var secret = secrets.newSecret(id, now, shown);
                                    return session.persist(secret)
                                            .flatMap(saved -> publish(WebhookEvents.SECRET_ROTATED, endpoint, null))
                                            .replaceWith(new RotatedSecret(shown[0], until));
                                })));
    }

    /** The endpoint, if it is in the caller's tenant; a 404 problem otherwise. */
    @WithSession
    public Uni<WebhookEndpoint> owned(UUID id, String operation) {
        return endpoints
                .findById(id)
                .flatMap(endpoint -> guard.requireOwned(RESOURCE, id, endpoint, e -> e.tenantId, operation));
    }

    private Uni<WebhookEndpoint> lockedOwned(UUID id, String operation) {
        return endpoints
                .findById(id, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(endpoint -> guard.requireOwned(RESOURCE, id, endpoint, e -> e.tenantId, operation));
    }

    private Uni<EndpointView> change(
            UUID id, String operation, Consumer<WebhookEndpoint> edit, EventType<EndpointChanged> type) {
        return lockedOwned(id, operation).flatMap(endpoint -> {
            edit.accept(endpoint);
            endpoint.updatedAt = clock.instant();
            return publish(type, endpoint, endpoint.disabledReason).replaceWith(EndpointView.of(endpoint, null, null));
        });
    }

    private Uni<String> checkedUrl(String url) {
        var problem = guardAddresses.checkSyntax(url);
        if (problem != null) {
            throw ProblemException.invalidField("url", "url " + problem);
        }
        return guardAddresses
                .resolve(url)
                .onFailure(failure ->
                        failure instanceof AddressGuard.RefusedTarget || failure instanceof AddressGuard.UnresolvedHost)
                .transform(refused -> ProblemException.invalidField("url", "url refused: " + refused.getMessage()))
                .replaceWith(url);
    }

    private Uni<?> publish(EventType<EndpointChanged> type, WebhookEndpoint endpoint, String reason) {
        return outbox.append(
                type,
                endpoint.id.toString(),
                endpoint.tenantId.toString(),
                new EndpointChanged(
                        endpoint.id,
                        endpoint.organizationId,
                        endpoint.url,
                        endpoint.eventTypes,
                        endpoint.enabled,
                        reason));
    }

    /** A rotated secret, shown once, and until when the previous ones keep signing. */
    public record RotatedSecret(String secret, Instant previousSecretsValidUntil) {}
}
