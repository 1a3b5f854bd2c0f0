package io.nexidentity.token.grant;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.events.application.ApplicationEvents.ExternalConsumption;
import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.AuthorizationDenied;
import io.nexidentity.events.tenant.Directory.MembershipContext;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.application.ApplicationRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.oauth.OAuthError;
import io.nexidentity.token.user.UserDirectory;

/**
 * The application's external-consumption policy, applied to every user token issued for it and, before a code is
 * issued, at the authorization endpoint. The membership a token carries is the one in the organization the relying
 * party asked for ({@code organization} request parameter), else the user's membership in the application's own
 * organization, else, when the policy admits other organizations, one in an admitted organization: {@code tenant}
 * admits any organization of the tenant, {@code allowlist} the listed organizations and any organization of a listed
 * tenant, {@code organization} none but the application's own. A refusal is {@code access_denied} at the
 * authorization endpoint, {@code invalid_grant} at the token endpoint, and a {@code nexid.authorization.denied.v1}
 * event either way.
 */
@ApplicationScoped
public class ConsumptionPolicy {

    private static final String ORGANIZATION = "organization";
    private static final String TENANT = "tenant";
    private static final String ALLOWLIST = "allowlist";

    private final ApplicationRegistry applications;
    private final UserDirectory users;
    private final HotPathEvents events;

    ConsumptionPolicy(ApplicationRegistry applications, UserDirectory users, HotPathEvents events) {
        this.applications = applications;
        this.users = users;
        this.events = events;
    }

    /** The membership the user's tokens for this client carry (empty for a user of a client without application). */
    public Uni<Optional<MembershipContext>> membership(
            RegisteredClient client, UserContext user, UUID requestedOrganization) {
        return decide(
                client,
                user,
                requestedOrganization,
                () -> OAuthError.invalidGrant("The application does not admit the user's organization."));
    }

    /** At the authorization endpoint: fails with {@code access_denied} unless the policy admits the user. */
    public Uni<Void> admit(RegisteredClient client, UUID tenantId, UUID userId, UUID requestedOrganization) {
        return users.user(tenantId, userId)
                .flatMap(found -> {
                    var user = found.orElseThrow(() -> accessDenied("The user is disabled or gone."));
                    return decide(
                            client,
                            user,
                            requestedOrganization,
                            () -> accessDenied("The application does not admit the user's organization."));
                })
                .replaceWithVoid();
    }

    /**
     * A person signing in through the admin client in a browser: refused at once ({@code access_denied}, RFC 6749
     * 4.1.2.1) without an admin role, rather than at the code exchange.
     */
    public Uni<Void> admitAdministrator(UUID tenantId, UUID userId) {
        return users.user(tenantId, userId)
                .invoke(found -> {
                    if (found.filter(AdminAccess::holdsAny).isEmpty()) {
                        throw accessDenied("The user holds no admin role in this tenant.");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Optional<MembershipContext>> decide(
            RegisteredClient client, UserContext user, UUID requested, Supplier<OAuthError> refusal) {
        if (client.applicationId() == null) {
            if (requested == null) {
                return Uni.createFrom().item(user.membershipFor(client.organizationId()));
            }
            return Uni.createFrom().item(Optional.of(member(user, requested).orElseThrow(refusal)));
        }
        return applications.find(client.applicationId()).flatMap(found -> {
            var application =
                    found.orElseThrow(() -> OAuthError.unauthorizedClient("The client's application is gone."));
            var consumption = application.externalConsumption() == null
                    ? new ExternalConsumption(ORGANIZATION, null, null)
                    : application.externalConsumption();
            var membership = requested != null
                    ? member(user, requested).filter(chosen -> admits(application, consumption, chosen))
                    : member(user, application.organizationId()).or(() -> admitted(consumption, user));
            if (membership.isEmpty()) {
                return deny(client, user, application, consumption.mode(), requested)
                        .flatMap(denied -> Uni.createFrom().failure(refusal.get()));
            }
            return Uni.createFrom().item(membership);
        });
    }

    private static boolean admits(
            ApplicationSnapshot application, ExternalConsumption consumption, MembershipContext membership) {
        var organization = membership.organizationId();
        return organization.equals(application.organizationId())
                || TENANT.equals(consumption.mode())
                || ALLOWLIST.equals(consumption.mode())
                        && (consumption.allowedOrganizations().contains(organization)
                                || consumption.allowedTenants().contains(application.tenantId()));
    }

    /** Without a requested organization: a membership in an organization the policy admits besides the owner. */
    private static Optional<MembershipContext> admitted(ExternalConsumption consumption, UserContext user) {
        return switch (consumption.mode()) {
            case TENANT -> user.firstMembership();
            case ALLOWLIST ->
                consumption.allowedOrganizations().stream()
                        .map(organization -> member(user, organization))
                        .flatMap(Optional::stream)
                        .findFirst()
                        .or(() -> consumption.allowedTenants().contains(user.tenantId())
                                ? user.firstMembership()
                                : Optional.empty());
            default -> Optional.empty();
        };
    }

    private Uni<Void> deny(
            RegisteredClient client, UserContext user, ApplicationSnapshot application, String policy, UUID requested) {
        var reason = requested != null && member(user, requested).isEmpty()
                ? "the user is no member of the requested organization"
                : switch (policy) {
                    case TENANT -> "the user is a member of no organization of the tenant";
                    case ALLOWLIST -> "the user is a member of no allowed organization or tenant";
                    default -> "the application admits only its own organization";
                };
        return events.publish(
                AuthEvents.AUTHORIZATION_DENIED,
                user.userId().toString(),
                user.tenantId().toString(),
                new AuthorizationDenied(
                        user.userId().toString(),
                        client.clientId(),
                        application.applicationId().toString(),
                        application.organizationId().toString(),
                        requested == null ? null : requested.toString(),
                        policy,
                        reason));
    }

    private static OAuthError accessDenied(String description) {
        return new OAuthError("access_denied", description, 400, null);
    }

    private static Optional<MembershipContext> member(UserContext user, UUID organizationId) {
        return user.memberships().stream()
                .filter(membership -> membership.organizationId().equals(organizationId))
                .findFirst();
    }
}
