package io.nexidentity.token.revocation;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.EventHeader;
import io.nexidentity.events.auth.AuthEvents;
import io.nexidentity.events.auth.AuthEvents.TokenRevoked;

/**
 * Tells this instance about tokens another instance revoked. The topic carries every authentication event, mostly
 * issuances, so records are taken in batches and only revocations are read beyond their header.
 */
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
    public void remember(List<String> records) {
        for (var json : records) {
            try {
                var type = EventHeader.read(json).type();
                if (AuthEvents.TOKEN_REVOKED.type().equals(type)) {
                    var revocation = mapper.convertValue(
                            mapper.readValue(json, CloudEvent.class).data(), TokenRevoked.class);
                    revoked.remember(revocation.jti(), revocation.expiresAt());
                }
            } catch (IOException | RuntimeException e) {
                // The revocation is also in the database, which every instance loads at start.
                LOG.warnf("skipping an event the revocation cache cannot apply: %s", e.toString());
            }
        }
    }
}
