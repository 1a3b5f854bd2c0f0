package io.nexidentity.runtime.problem;

import java.util.List;

/** A request that cannot be served for a reason the caller can act on; answered as problem+json. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String resource, String id) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, resource + " " + id + " does not exist"));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Conflict", 409, detail));
    }

    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(Problem.of("validation-failed", "Invalid request", 400, detail)
                .withErrors(List.of(new Problem.FieldError(field, detail))));
    }
}
