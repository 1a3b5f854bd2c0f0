package io.nexidentity.tenant.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.EventType;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.BootstrapCredentialChanged;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.identifier.ClientIds;
import io.nexidentity.runtime.issuer.TenantIssuerUrls;
import io.nexidentity.runtime.secret.SecretHasher;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.tenant.bootstrap.BootstrapCredential.CredentialStatus;

/**
 * Issues, rotates and revokes a tenant's bootstrap admin client: a client-credentials client with the admin scope,
 * valid for {@code nexid.bootstrap-credential.validity} (24 hours unless configured) or until rotated or revoked, whose
 * secret is shown once.
 */
@ApplicationScoped
public class BootstrapCredentialService {

    private final BootstrapCredentialRepository credentials;
    private final SecretHasher secrets;
    private final OutboxWriter outbox;
    private final String platformUrl;
    private final Duration validity;
    private final Clock clock;

    BootstrapCredentialService(
            BootstrapCredentialRepository credentials,
            SecretHasher secrets,
            OutboxWriter outbox,
            @ConfigProperty(name = "nexid.issuer") String issuer,
            BootstrapCredentialConfig config,
            Clock clock) {
        if (config.validity().compareTo(Duration.ofHours(1)) < 0
                || config.validity().compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException(
                    "nexid.bootstrap-credential.validity must be between PT1H and P30D, not " + config.validity());
        }
        this.validity = config.validity();
        this.credentials = credentials;
        this.secrets = secrets;
        this.outbox = outbox;
        this.platformUrl = issuer;
        this.clock = clock;
    }

    /** Issues a credential in the caller's transaction; it gets its tokens from the tenant's issuer. */
    public Uni<IssuedCredential> issue(UUID tenantId, String slug, UUID organizationId) {
        var secret = secrets.newSecret();
        var now = clock.instant();
        var credential = new BootstrapCredential();
        credential.clientId = ClientIds.newBootstrapClientId();
        credential.tenantId = tenantId;
        credential.organizationId = organizationId;
        credential.secretHash = secrets.hash(secret);
        credential.scopes = Caller.ADMIN_SCOPE;
        credential.status = CredentialStatus.ACTIVE;
        credential.createdAt = now;
        credential.expiresAt = now.plus(validity);
        return credentials
                .persist(credential)
                .flatMap(saved -> publish(TenantEvents.BOOTSTRAP_CREDENTIAL_ISSUED, credential))
                .replaceWith(new IssuedCredential(
                        credential.clientId,
                        secret,
                        credential.scopes,
                        "client_credentials",
                        TenantIssuerUrls.issuer(platformUrl, slug) + "/token",
                        credential.expiresAt));
    }

    /** Revokes the tenant's active credentials and issues a new one for the same organization. */
    @WithTransaction
    public Uni<IssuedCredential> rotate(UUID tenantId, String slug, UUID organizationId) {
        return revokeActive(tenantId, "rotated").flatMap(revoked -> issue(tenantId, slug, organizationId));
    }

    /** @return how many credentials were revoked */
    @WithTransaction
    public Uni<Integer> revoke(UUID tenantId) {
        return revokeActive(tenantId, "revoked");
    }

    @WithSession
    public Uni<BootstrapCredential> find(String clientId) {
        return credentials.findById(clientId);
    }

    private Uni<Integer> revokeActive(UUID tenantId, String reason) {
        return credentials
                .findActive(tenantId)
                .flatMap(active -> Multi.createFrom()
                        .iterable(active)
                        .onItem()
                        .transformToUniAndConcatenate(credential -> {
                            credential.status = CredentialStatus.REVOKED;
                            credential.revokedAt = clock.instant();
                            return publish(TenantEvents.BOOTSTRAP_CREDENTIAL_REVOKED, credential);
                        })
                        .collect()
                        .asList()
                        .map(List::size));
    }

    private Uni<?> publish(EventType<BootstrapCredentialChanged> type, BootstrapCredential credential) {
        return outbox.append(
                type,
                credential.clientId,
                credential.tenantId.toString(),
                new BootstrapCredentialChanged(
                        credential.clientId,
                        credential.organizationId.toString(),
                        credential.secretHash,
                        List.of(credential.scopes.split(" ")),
                        credential.expiresAt,
                        credential.status.name().toLowerCase(Locale.ROOT)));
    }

    /** The credential as shown once to whoever registered the tenant or rotated it. */
    public record IssuedCredential(
            String clientId,
            String clientSecret,
            String scope,
            String grantType,
            String tokenEndpoint,
            Instant expiresAt) {}
}
