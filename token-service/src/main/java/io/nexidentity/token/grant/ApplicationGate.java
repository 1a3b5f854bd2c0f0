package io.nexidentity.token.grant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.token.application.ApplicationRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.oauth.OAuthError;

/** Tokens are only issued for an active application: a suspended or archived one gets none. */
@ApplicationScoped
public class ApplicationGate {

    private final ApplicationRegistry applications;

    ApplicationGate(ApplicationRegistry applications) {
        this.applications = applications;
    }

    /** Completes when the client's application (if it has one) is active; fails with {@code unauthorized_client}. */
    public Uni<Void> requireActive(RegisteredClient client) {
        if (client.applicationId() == null) {
            return Uni.createFrom().voidItem();
        }
        return applications.find(client.applicationId()).map(found -> {
            var application =
                    found.orElseThrow(() -> OAuthError.unauthorizedClient("The client's application is gone."));
            if (!"active".equals(application.status())) {
                throw OAuthError.unauthorizedClient("The client's application is " + application.status() + ".");
            }
            return null;
        });
    }
}
