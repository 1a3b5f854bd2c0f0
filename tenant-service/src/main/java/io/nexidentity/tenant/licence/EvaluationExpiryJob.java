package io.nexidentity.tenant.licence;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/** Ends evaluation licences whose period ran out, publishing an evaluation-expired licensing event for each. */
@ApplicationScoped
public class EvaluationExpiryJob {

    private static final Logger LOG = Logger.getLogger(EvaluationExpiryJob.class);
    private static final int BATCH = 100;

    private final LicenceService licences;
    private final Clock clock = Clock.systemUTC();

    EvaluationExpiryJob(LicenceService licences) {
        this.licences = licences;
    }

    @Scheduled(
            every = "${nexid.licences.expiry-check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> expireEvaluations() {
        return Panache.withTransaction(() -> licences.expireEvaluations(clock.instant(), BATCH))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("expired %d evaluation licences", count);
                    }
                })
                .replaceWithVoid();
    }
}
