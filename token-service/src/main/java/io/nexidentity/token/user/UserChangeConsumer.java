package io.nexidentity.token.user;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.nexidentity.events.CloudEvent;
import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.token.issuer.TenantIssuers;

/**
 * Every event on {@code nexid.tenant.v1} (this instance's own consumer group, from now on) makes the directory forget
 * what it may change: the tenant it belongs to, and the user a user or membership event names; a custom domain proven
 * or given up makes the issuers forget the domain.
 */
@ApplicationScoped
public class UserChangeConsumer {

    private static final Logger LOG = Logger.getLogger(UserChangeConsumer.class);
    private static final String SIGN_IN_EVENTS = "nexid.sign_in.";

    private final UserDirectory directory;
    private final TenantIssuers issuers;
    private final ObjectMapper mapper;

    UserChangeConsumer(UserDirectory directory, TenantIssuers issuers, ObjectMapper mapper) {
        this.directory = directory;
        this.issuers = issuers;
        this.mapper = mapper;
    }

    @Incoming("token-users-cache")
    public void changed(String json) {
        try {
            var event = mapper.readValue(json, CloudEvent.class);
            if (event.type() != null && event.type().startsWith(SIGN_IN_EVENTS)) {
                // Recovery requests change no user, tenant or branding: a flood of them must not empty the caches.
                return;
            }
            if (event.tenantid() != null) {
                directory.forgetTenant(UUID.fromString(event.tenantid()));
            }
            var userId =
                    event.data() == null ? null : event.data().path("user_id").textValue();
            if (userId != null) {
                directory.forgetUser(UUID.fromString(userId));
            }
            if (TenantEvents.DOMAIN_VERIFIED.type().equals(event.type())
                    || TenantEvents.DOMAIN_REMOVED.type().equals(event.type())) {
                issuers.forgetDomain(event.data().path("domain").asText());
            }
        } catch (Exception e) {
            LOG.warnf("skipping an event the user directory cannot read: %s", e.toString());
        }
    }
}
