package io.nexidentity.client.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.client.application.ApplicationDirectory;
import io.nexidentity.client.client.Client.ClientStatus;
import io.nexidentity.client.client.ClientRequests.CreateClient;
import io.nexidentity.client.client.ClientRequests.UpdateClient;
import io.nexidentity.client.secret.ClientSecret;
import io.nexidentity.client.secret.ClientSecretRepository;
import io.nexidentity.events.EventType;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.events.application.ApplicationEvents.QuotaReached;
import io.nexidentity.events.client.ClientEvents;
import io.nexidentity.events.client.ClientEvents.ClientSnapshot;
import io.nexidentity.events.tenant.TenantSnapshot;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.persistence.TransactionLocks;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.runtime.security.TenantGuard;
import io.nexidentity.tenantprojection.TenantDirectory;

/** Client lifecycle, within the plan's clients-per-application quota; every change is an event with the whole client. */
@ApplicationScoped
public class ClientService {

    static final String RESOURCE = "client";

    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final ApplicationDirectory applications;
    private final TenantDirectory tenants;
    private final TenantGuard guard;
    private final Caller caller;
    private final SecretHasher hasher;
    private final OutboxWriter outbox;
    private final Clock clock;

    ClientService(
            ClientRepository clients,
            ClientSecretRepository secrets,
            ApplicationDirectory applications,
            TenantDirectory tenants,
            TenantGuard guard,
            Caller caller,
            SecretHasher hasher,
            OutboxWriter outbox,
            Clock clock) {
        this.clients = clients;
        this.secrets = secrets;
        this.applications = applications;
        this.tenants = tenants;
        this.guard = guard;
        this.caller = caller;
        this.hasher = hasher;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ClientView> create(UUID tenantId, CreateClient request) {
        var profile = ClientProfile.fromWireName(request.profile()).orElseThrow();
        var method = ClientRules.authMethod(profile, request.tokenEndpointAuthMethod());
        var redirectUris = ClientRules.redirectUris(request.redirectUris(), "redirect_uris");
        var postLogout = ClientRules.redirectUris(request.postLogoutRedirectUris(), "post_logout_redirect_uris");
        if (profile == ClientProfile.INTERACTIVE_WEB && redirectUris.isEmpty()) {
            throw ProblemException.invalidField(
                    "redirect_uris", "interactive_web clients need at least one redirect URI");
        }
        if (profile != ClientProfile.INTERACTIVE_WEB && !(redirectUris.isEmpty() && postLogout.isEmpty())) {
            throw ProblemException.invalidField(
                    "redirect_uris", "only interactive_web clients sign users in and have redirect URIs");
        }
        var keys = ClientRules.keyMaterial(method, request.jwks(), request.tlsClientAuthSubjectDn());
        return applications
                .find(request.applicationId())
                .flatMap(found -> guard.requireOwned(
                        "application",
                        request.applicationId(),
                        found.orElse(null),
                        ApplicationSnapshot::tenantId,
                        "create_client"))
                .flatMap(application -> {
                    if ("archived".equals(application.status())) {
                        throw ProblemException.conflict(
                                "application-archived", "Application " + application.applicationId() + " is archived.");
                    }
                    var scopes = ClientRules.scopes(profile, request.scopes(), application);
                    var adminPermissions = ClientRules.adminPermissions(profile, request.adminPermissions());
                    return grantable(adminPermissions)
                            .flatMap(granted -> licensedTenant(tenantId))
                            .flatMap(tenant -> TransactionLocks.lock("client-quota", application.applicationId())
                                    .flatMap(locked -> clients.countOf(application.applicationId()))
                                    .flatMap(used -> {
                                        int limit = tenant.quotas().clientsPerApplication();
                                        if (used >= limit) {
                                            return quotaReached(tenant, application, used.intValue(), limit);
                                        }
                                        var now = clock.instant();
                                        var client = new Client();
                                        client.id = ClientIds.newClientId();
                                        client.tenantId = tenantId;
                                        client.organizationId = application.organizationId();
                                        client.applicationId = application.applicationId();
                                        client.applicationKey = application.key();
                                        client.name = request.name().strip();
                                        client.profile = profile;
                                        client.status = ClientStatus.ACTIVE;
                                        client.tokenEndpointAuthMethod = method;
                                        client.redirectUris = redirectUris;
                                        client.postLogoutRedirectUris = postLogout;
                                        client.scopes = scopes;
                                        client.jwks = keys.jwks();
                                        client.tlsClientAuthSubjectDn = keys.subjectDn();
                                        client.certificateThumbprints = keys.thumbprints();
                                        client.accessTokenSigningAlg = request.accessTokenSigningAlg();
                                        client.adminPermissions = adminPermissions;
                                        client.createdAt = now;
                                        client.updatedAt = now;
                                        return clients.persist(client)
                                                .flatMap(
                                                        saved -> withFirstSecret(client, request.secretLifetimeDays()));
                                    }));
                });
    }

    @WithSession
    public Uni<Page<ClientView>> list(UUID tenantId, UUID applicationId, String after, int limit) {
        return clients.listPage(tenantId, applicationId, after, limit + 1).map(rows -> {
            var more = rows.size() > limit;
            var items = rows.stream().limit(limit).map(ClientView::of).toList();
            return new Page<>(items, more ? rows.get(limit - 1).id : null);
        });
    }

    @WithSession
    public Uni<ClientView> get(String id) {
        return owned(id, "read", false).map(ClientView::of);
    }

    @WithTransaction
    public Uni<ClientView> update(String id, UpdateClient request) {
        return change(
                id,
                "update",
                client -> {
                    if (request.name() != null) {
                        client.name = request.name().strip();
                    }
                    if (request.redirectUris() != null) {
                        if (client.profile != ClientProfile.INTERACTIVE_WEB) {
                            throw ProblemException.invalidField(
                                    "redirect_uris", "only interactive_web clients have redirect URIs");
                        }
                        var uris = ClientRules.redirectUris(request.redirectUris(), "redirect_uris");
                        if (uris.isEmpty()) {
                            throw ProblemException.invalidField(
                                    "redirect_uris", "interactive_web clients need at least one redirect URI");
                        }
                        client.redirectUris = uris;
                    }
                    if (request.postLogoutRedirectUris() != null) {
                        client.postLogoutRedirectUris =
                                ClientRules.redirectUris(request.postLogoutRedirectUris(), "post_logout_redirect_uris");
                    }
                    if (request.accessTokenSigningAlg() != null) {
                        client.accessTokenSigningAlg = request.accessTokenSigningAlg();
                    }
                    Uni<Void> granted = Uni.createFrom().voidItem();
                    if (request.adminPermissions() != null) {
                        var adminPermissions = ClientRules.adminPermissions(client.profile, request.adminPermissions());
                        granted = grantable(adminPermissions).invoke(() -> client.adminPermissions = adminPermissions);
                    }
                    var methodChanges = request.tokenEndpointAuthMethod() != null
                            || request.jwks() != null
                            || request.tlsClientAuthSubjectDn() != null;
                    if (methodChanges) {
                        var method = request.tokenEndpointAuthMethod() == null
                                ? client.tokenEndpointAuthMethod
                                : ClientRules.authMethod(client.profile, request.tokenEndpointAuthMethod());
                        var keys = ClientRules.keyMaterial(method, request.jwks(), request.tlsClientAuthSubjectDn());
                        client.tokenEndpointAuthMethod = method;
                        client.jwks = keys.jwks();
                        client.tlsClientAuthSubjectDn = keys.subjectDn();
                        client.certificateThumbprints = keys.thumbprints();
                    }
                    if (request.scopes() != null) {
                        return granted.flatMap(checked -> applications.find(client.applicationId))
                                .map(found -> {
                                    client.scopes =
                                            ClientRules.scopes(client.profile, request.scopes(), found.orElseThrow());
                                    return client;
                                });
                    }
                    return granted.replaceWith(client);
                },
                ClientEvents.CLIENT_UPDATED);
    }

    /** A service account is never granted a permission its granter does not hold (403 otherwise). */
    private Uni<Void> grantable(List<String> adminPermissions) {
        return caller.requireAll(adminPermissions, "A service account is never granted more than its granter holds");
    }

    @WithTransaction
    public Uni<ClientView> disable(String id) {
        return change(
                id,
                "disable",
                client -> {
                    if (client.status == ClientStatus.DISABLED) {
                        throw ProblemException.conflict("client-disabled", "The client is already disabled.");
                    }
                    client.status = ClientStatus.DISABLED;
                    return Uni.createFrom().item(client);
                },
                ClientEvents.CLIENT_DISABLED);
    }

    @WithTransaction
    public Uni<ClientView> enable(String id) {
        return change(
                id,
                "enable",
                client -> {
                    if (client.status == ClientStatus.ACTIVE) {
                        throw ProblemException.conflict("client-active", "The client is already active.");
                    }
                    client.status = ClientStatus.ACTIVE;
                    return Uni.createFrom().item(client);
                },
                ClientEvents.CLIENT_ENABLED);
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return owned(id, "delete", true)
                .flatMap(client -> publish(ClientEvents.CLIENT_DELETED, client, "deleted", List.of())
                        .flatMap(published -> clients.delete(client)));
    }

    /**
     * The client, if it is in the caller's tenant; a 404 problem otherwise. To change it ({@code lock}: its settings,
     * secrets, status) the caller must hold every admin permission it holds: whoever may take over a service account
     * (a new secret, its own key) would otherwise gain what it was granted.
     */
    public Uni<Client> owned(String id, String operation, boolean lock) {
        var find = lock ? clients.findById(id, LockModeType.PESSIMISTIC_WRITE) : clients.findById(id);
        return find.flatMap(client -> guard.requireOwned(RESOURCE, id, client, c -> c.tenantId, operation))
                .call(client -> lock && client.adminPermissions != null
                        ? caller.requireAll(
                                client.adminPermissions, "Changing a service account needs every permission it holds")
                        : Uni.createFrom().voidItem());
    }

    /** Publishes the client as it now is, with its valid secrets. */
    public Uni<ClientSnapshot> publishCurrent(EventType<ClientSnapshot> type, Client client) {
        return secrets.ofClient(client.id)
                .flatMap(all -> publish(type, client, client.status.name().toLowerCase(Locale.ROOT), all));
    }

    @WithSession
    public Uni<ClientSnapshot> snapshot(String id) {
        return clients.findById(id).flatMap(client -> {
            if (client == null) {
                throw ProblemException.notFound("Client", id);
            }
            return secrets.ofClient(id)
                    .map(all -> ClientView.snapshot(
                            client, client.status.name().toLowerCase(Locale.ROOT), all, clock.instant()));
        });
    }

    private Uni<ClientView> withFirstSecret(Client client, Integer lifetimeDays) {
        if (!client.tokenEndpointAuthMethod.usesSecret()) {
            return flush().flatMap(x -> publishCurrent(ClientEvents.CLIENT_CREATED, client))
                    .replaceWith(ClientView.of(client));
        }
        var secret = hasher.newSecret();
        var stored = newSecret(client.id, secret, lifetimeDays);
        return secrets.persist(stored)
                .flatMap(x -> flush())
                .flatMap(x -> publishCurrent(ClientEvents.CLIENT_CREATED, client))
                .replaceWith(ClientView.of(client, secret, stored.expiresAt));
    }

    /** A new secret row for {@code plain}, which the caller shows once. */
    public ClientSecret newSecret(String clientId, String plain, Integer lifetimeDays) {
        var now = clock.instant();
        var stored = new ClientSecret();
        stored.id = Ids.newId();
        stored.clientId = clientId;
        stored.hash = hasher.hash(plain);
        stored.createdAt = now;
        stored.expiresAt = lifetimeDays == null ? null : now.plus(Duration.ofDays(lifetimeDays));
        return stored;
    }

    private Uni<ClientView> change(
            String id, String operation, Function<Client, Uni<Client>> edit, EventType<ClientSnapshot> type) {
        return owned(id, operation, true)
                .flatMap(edit::apply)
                .flatMap(client -> {
                    client.updatedAt = clock.instant();
                    return publishCurrent(type, client).replaceWith(client);
                })
                .map(ClientView::of);
    }

    private Uni<ClientSnapshot> publish(
            EventType<ClientSnapshot> type, Client client, String status, List<ClientSecret> all) {
        var snapshot = ClientView.snapshot(client, status, new ArrayList<>(all), clock.instant());
        return outbox.append(type, client.id, client.tenantId.toString(), snapshot)
                .replaceWith(snapshot);
    }

    private Uni<TenantSnapshot> licensedTenant(UUID tenantId) {
        return tenants.tenant(tenantId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Tenant", tenantId.toString())));
    }

    private static Uni<Void> flush() {
        return Panache.getSession().flatMap(session -> session.flush());
    }

    private <T> Uni<T> quotaReached(TenantSnapshot tenant, ApplicationSnapshot application, int used, int limit) {
        var plan = tenant.plan() == null ? "none" : tenant.plan();
        return outbox.appendCommitted(
                        ClientEvents.CLIENT_QUOTA_REACHED,
                        application.applicationId().toString(),
                        tenant.tenantId().toString(),
                        new QuotaReached(
                                "clients_per_application",
                                plan,
                                limit,
                                used,
                                application.organizationId(),
                                application.applicationId()))
                .onItem()
                .transformToUni(recorded -> Uni.createFrom()
                        .failure(new ProblemException(Problem.of(
                                        "quota-exceeded",
                                        "Quota exceeded",
                                        409,
                                        "The " + plan + " plan allows " + limit
                                                + " clients per application and application " + application.key()
                                                + " has " + used + ".")
                                .with("quota", "clients_per_application")
                                .with("plan", plan)
                                .with("limit", limit)
                                .with("used", used))));
    }
}
