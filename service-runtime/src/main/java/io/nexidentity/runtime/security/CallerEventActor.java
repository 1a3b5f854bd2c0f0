package io.nexidentity.runtime.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;

import io.nexidentity.outbox.EventActor;

/**
 * Events written while serving an authenticated request name the caller (its token's subject) as their actor. Reads
 * the identity the request already authenticated, never resolving one: that could block the event loop.
 */
@ApplicationScoped
class CallerEventActor implements EventActor {

    private final CurrentVertxRequest request;

    CallerEventActor(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Optional<String> current() {
        if (!Arc.container().requestContext().isActive()
                || request.getCurrent() == null
                || !(request.getCurrent().user() instanceof QuarkusHttpUser user)) {
            return Optional.empty();
        }
        return Optional.of(user.getSecurityIdentity().getPrincipal().getName());
    }
}
