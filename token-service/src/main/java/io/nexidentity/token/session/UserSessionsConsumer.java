package io.nexidentity.token.session;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.UserChanged;
import io.nexidentity.outbox.ConsumerGuard;
import io.nexidentity.outbox.IncomingEvents;
import io.nexidentity.token.revocation.GrantRevocation;

/**
 * Ends a user's sessions when the user can no longer be trusted with them (one durable consumer group for the
 * service): disabled or deleted, every session and every token family, offline ones too; a password change, every
 * session and the families that belong to sessions (offline access was granted apart from the password). Applying an
 * event twice changes nothing.
 */
@ApplicationScoped
public class UserSessionsConsumer {

    private static final String CONSUMER = "user-sessions";
    private static final Set<String> REVOKE_ALL =
            Set.of(TenantEvents.USER_DISABLED.type(), TenantEvents.USER_DELETED.type());

    private final SsoSessions sessions;
    private final GrantRevocation grants;
    private final ObjectMapper mapper;
    private final ConsumerGuard guard;

    UserSessionsConsumer(SsoSessions sessions, GrantRevocation grants, ObjectMapper mapper, ConsumerGuard guard) {
        this.sessions = sessions;
        this.grants = grants;
        this.mapper = mapper;
        this.guard = guard;
    }

    @Incoming("token-user-sessions")
    public Uni<Void> changed(String json) {
        return guard.apply(CONSUMER, json, this::apply);
    }

    private Uni<Void> apply(String json) {
        var event = IncomingEvents.read(mapper, json, CONSUMER).orElse(null);
        if (event == null
                || event.tenantid() == null
                || !(REVOKE_ALL.contains(event.type())
                        || event.type().equals(TenantEvents.USER_PASSWORD_CHANGED.type()))) {
            return Uni.createFrom().voidItem();
        }
        var user = IncomingEvents.payload(
                        mapper, event, UserChanged.class, changed -> changed.userId() != null, CONSUMER)
                .orElse(null);
        if (user == null) {
            return Uni.createFrom().voidItem();
        }
        var userId = UUID.fromString(user.userId());
        return sessions.endAllOf(userId)
                .flatMap(ended ->
                        grants.revokeUser(UUID.fromString(event.tenantid()), userId, REVOKE_ALL.contains(event.type())))
                .replaceWithVoid();
    }
}
