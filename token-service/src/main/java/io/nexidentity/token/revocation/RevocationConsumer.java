package io.nexidentity.token.revocation;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.TokenRevoked;

/** Tells this instance about tokens another instance revoked. */
@ApplicationScoped
public class RevocationConsumer {

    private static final Logger LOG = Logger.getLogger(RevocationConsumer.class);

    private final RevokedTokens revoked;
    private final ObjectMapper mapper;

    RevocationConsumer(RevokedTokens revoked, ObjectMapper mapper) {
        this.revoked = revoked;
        this.mapper = mapper;
    }

    @Incoming("token-revocations-cache")
    public void remember(String json) {
        try {
            var event = mapper.readValue(json, CloudEvent.class);
            if (AuthEvents.TOKEN_REVOKED.type().equals(event.type())) {
                var revocation = mapper.convertValue(event.data(), TokenRevoked.class);
                revoked.remember(revocation.jti(), revocation.expiresAt());
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // The revocation is also in the database, which every instance loads at start.
            LOG.warnf("skipping an event the revocation cache cannot apply: %s", e.toString());
        }
    }
}
