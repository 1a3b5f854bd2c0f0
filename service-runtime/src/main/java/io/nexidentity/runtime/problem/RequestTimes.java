package io.nexidentity.runtime.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads a time query parameter (RFC 3339, UTC); a malformed one is a 400 problem naming the parameter. */
public final class RequestTimes {

    private RequestTimes() {}

    public static Instant parse(String field, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an RFC 3339 time in UTC, e.g. 2026-11-26T08:00:00Z");
        }
    }
}
