package io.nexidentity.runtime.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request that cannot be served for a reason the caller can act on; answered as problem+json. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    private ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    /** Response headers to send with the problem, e.g. a {@code WWW-Authenticate} challenge. */
    public Map<String, String> headers() {
        return headers;
    }

    public ProblemException withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProblemException(problem, Map.copyOf(more));
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
