package io.nexidentity.token.pages;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.events.tenant.Directory.PageBranding;
import io.nexidentity.token.application.ApplicationRegistry;
import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.user.UserDirectory;

/**
 * The frame of a page shown for a client: the tenant's branding and the application's name, from memory after the
 * first read. A tenant-service that cannot answer costs the branding, never the page: the tenant's projected name is
 * shown instead.
 */
@ApplicationScoped
public class PageFrames {

    private static final Logger LOG = Logger.getLogger(PageFrames.class);

    private final UserDirectory directory;
    private final ApplicationRegistry applications;

    PageFrames(UserDirectory directory, ApplicationRegistry applications) {
        this.directory = directory;
        this.applications = applications;
    }

    public Uni<Frame> forClient(RoutingContext context, RegisteredClient client, String uiLocales) {
        var text = PageText.of(context, uiLocales);
        return branding(client)
                .flatMap(branding -> application(client)
                        .map(application -> new Frame(
                                text,
                                branding,
                                application.map(ApplicationSnapshot::name).orElse(null))));
    }

    /**
     * The tenant's branding; a tenant-service that does not answer costs one attempt (the page is shown with the
     * platform's name), one that does not know the branding is asked for the tenant's name.
     */
    private Uni<PageBranding> branding(RegisteredClient client) {
        return directory
                .branding(client.tenantId())
                .flatMap(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : directory
                                .tenant(client.tenantId())
                                .map(tenant -> new PageBranding(
                                        tenant.map(t -> t.name()).orElse(null), null, null, null)))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("branding of tenant %s unavailable: %s", client.tenantId(), failure.toString());
                    return new PageBranding(null, null, null, null);
                });
    }

    private Uni<Optional<ApplicationSnapshot>> application(RegisteredClient client) {
        if (client.applicationId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return applications.find(client.applicationId()).onFailure().recoverWithItem(Optional.empty());
    }
}
