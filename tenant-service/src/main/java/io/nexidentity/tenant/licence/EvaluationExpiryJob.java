package io.nexidentity.tenant.licence;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import io.nexidentity.runtime.persistence.TransactionLocks;

/**
 * Ends evaluation licences whose period ran out, publishing an evaluation-expired licensing event for each. With
 * several replicas, runs take turns on a transaction-scoped advisory lock, so a licence is ended (and announced) once.
 */
@ApplicationScoped
public class EvaluationExpiryJob {

    private static final Logger LOG = Logger.getLogger(EvaluationExpiryJob.class);
    private static final int BATCH = 100;
    private static final UUID JOB = new UUID(0, 1);

    private final LicenceService licences;
    private final Clock clock;

    EvaluationExpiryJob(LicenceService licences, Clock clock) {
        this.licences = licences;
        this.clock = clock;
    }

    @Scheduled(
            every = "${nexid.licences.expiry-check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> expireEvaluations() {
        return Panache.withTransaction(() -> TransactionLocks.lock("evaluation-expiry", JOB)
                        .flatMap(locked -> licences.expireEvaluations(clock.instant(), BATCH)))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("expired %d evaluation licences", count);
                    }
                })
                .replaceWithVoid();
    }
}
