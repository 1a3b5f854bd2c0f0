package io.nexidentity.runtime.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details object. {@code errors} is an extension member listing the offending fields of a request
 * that failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://docs.nexidentity.io/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, List.of());
    }

    /** A problem that only restates the HTTP status (RFC 9457 section 4.2.1). */
    public static Problem ofStatus(int status, String title, String detail) {
        return new Problem(URI.create("about:blank"), title, status, detail, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, List.copyOf(fieldErrors));
    }

    /** One invalid field: its name (a dotted path for nested fields) and what is wrong with it. */
    public record FieldError(String field, String detail) {}
}
