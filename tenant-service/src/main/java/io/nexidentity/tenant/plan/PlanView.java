package io.nexidentity.tenant.plan;

import io.nexidentity.events.tenant.Quotas;

/** A plan as the API shows it; {@code evaluation_days} only for time-limited plans. */
public record PlanView(String name, Quotas quotas, Long evaluationDays) {

    public static PlanView of(Plan plan) {
        return new PlanView(
                plan.wireName(),
                plan.quotas(),
                plan.evaluationPeriod().map(period -> period.toDays()).orElse(null));
    }
}
