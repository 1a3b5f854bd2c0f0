package io.nexidentity.outbox;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Listens for the notification the outbox trigger sends when a transaction that wrote events commits. */
@ApplicationScoped
class CommitNotifications {

    static final String CHANNEL = "nexid_outbox";
    private static final Logger LOG = Logger.getLogger(CommitNotifications.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    CommitNotifications(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    void listen(Runnable onCommit) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1_000L);
        subscriber.channel(CHANNEL).handler(payload -> onCommit.run());
        subscriber
                .connect()
                .subscribe()
                .with(
                        connected -> LOG.debugf("listening on %s", CHANNEL),
                        failure -> LOG.warnf(
                                "cannot listen for outbox commits (%s); relaying on the poll interval only",
                                failure.getMessage()));
    }

    @PreDestroy
    void close() {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
