package io.nexidentity.runtime.problem;

/** The 409 problem of a creation refused by the plan's quota, naming the quota, plan, limit and use. */
public final class QuotaExceeded {

    private QuotaExceeded() {}

    public static ProblemException of(String quota, String plan, int limit, long used, String detail) {
        return new ProblemException(Problem.of("quota-exceeded", "Quota exceeded", 409, detail)
                .with("quota", quota)
                .with("plan", plan)
                .with("limit", limit)
                .with("used", used));
    }
}
