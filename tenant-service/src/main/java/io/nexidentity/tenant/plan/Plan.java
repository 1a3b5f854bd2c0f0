package io.nexidentity.tenant.plan;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.nexidentity.events.tenant.Quotas;

/** The plans a tenant can be on, with their quotas. Evaluation is the time-limited path of the quickstart. */
public enum Plan {
    EVALUATION(new Quotas(3, 5, 100, 2, 7), Duration.ofDays(30)),
    FREE(new Quotas(1, 3, 1_000, 1, 7), null),
    PRO(new Quotas(25, 25, 50_000, 20, 90), null),
    ENTERPRISE(new Quotas(500, 100, 1_000_000, 100, 365), null);

    private final Quotas quotas;
    private final Duration evaluationPeriod;

    Plan(Quotas quotas, Duration evaluationPeriod) {
        this.quotas = quotas;
        this.evaluationPeriod = evaluationPeriod;
    }

    public Quotas quotas() {
        return quotas;
    }

    /** How long a licence of this plan lasts; empty for plans that run until changed. */
    public Optional<Duration> evaluationPeriod() {
        return Optional.ofNullable(evaluationPeriod);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Plan> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(plan -> plan.wireName().equals(name))
                .findFirst();
    }
}
