package io.nexidentity.token.grant;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.events.application.ApplicationEvents.ExternalConsumption;
import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.AuthorizationDenied;
import io.nexidentity.events.tenant.Directory.MembershipContext;
import io.nexidentity.events.tenant.Directory.UserContext;
import io.nexidentity.outbox.HotPathEvents;
import io.nexidentity.token.application.ApplicationRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.oauth.OAuthError;

/**
 * The application's external-consumption policy, applied to every user token issued for it: the membership a token
 * carries is the user's membership in the application's own organization; without one, {@code organization} refuses,
 * while {@code tenant} takes any of the user's memberships and {@code allowlist} one in an allowed organization (or any,
 * when the user's tenant is allowed). A refusal is {@code invalid_grant} and a {@code nexid.authorization.denied.v1} event.
 */
@ApplicationScoped
public class ConsumptionPolicy {

    static final String ORGANIZATION = "organization";
    private static final Map<String, String> REASONS = Map.of(
            ORGANIZATION,
            "the application admits only its own organization, and the user is no member of it",
            "tenant",
            "the user is a member of no organization of the tenant",
            "allowlist",
            "the user is a member of none of the allowed organizations, and the user's tenant is not allowed");

    private final ApplicationRegistry applications;
    private final HotPathEvents events;

    ConsumptionPolicy(ApplicationRegistry applications, HotPathEvents events) {
        this.applications = applications;
        this.events = events;
    }

    /** The membership the user's tokens for this client carry (empty for a user without any, as before). */
    public Uni<Optional<MembershipContext>> membership(RegisteredClient client, UserContext user) {
        if (client.applicationId() == null) {
            return Uni.createFrom().item(user.membershipFor(client.organizationId()));
        }
        return applications.find(client.applicationId()).map(found -> {
            var application =
                    found.orElseThrow(() -> OAuthError.unauthorizedClient("The client's application is gone."));
            var own = member(user, application.organizationId());
            if (own.isPresent()) {
                return own;
            }
            var policy = application.externalConsumption() == null
                    ? ORGANIZATION
                    : application.externalConsumption().mode();
            Optional<MembershipContext> admitted = switch (policy) {
                case "tenant" -> user.firstMembership();
                case "allowlist" -> allowed(application.externalConsumption(), user);
                default -> Optional.empty();
            };
            if (admitted.isEmpty()) {
                events.publish(
                        AuthEvents.AUTHORIZATION_DENIED,
                        user.userId().toString(),
                        user.tenantId().toString(),
                        new AuthorizationDenied(
                                user.userId().toString(),
                                client.clientId(),
                                application.applicationId().toString(),
                                application.organizationId().toString(),
                                policy,
                                REASONS.getOrDefault(policy, REASONS.get(ORGANIZATION))));
                throw OAuthError.invalidGrant("The application does not admit the user's organization.");
            }
            return admitted;
        });
    }

    /** A membership in an allowed organization, else any membership when the user's whole tenant is allowed. */
    private static Optional<MembershipContext> allowed(ExternalConsumption allowlist, UserContext user) {
        return allowlist.allowedOrganizations().stream()
                .map(organization -> member(user, organization))
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> allowlist.allowedTenants().contains(user.tenantId())
                        ? user.firstMembership()
                        : Optional.empty());
    }

    private static Optional<MembershipContext> member(UserContext user, UUID organizationId) {
        return user.memberships().stream()
                .filter(membership -> membership.organizationId().equals(organizationId))
                .findFirst();
    }
}
