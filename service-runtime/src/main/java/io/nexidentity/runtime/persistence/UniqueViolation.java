package io.nexidentity.runtime.persistence;

import java.sql.SQLException;
import java.util.Optional;

import org.hibernate.exception.ConstraintViolationException;

/** Recognizes a PostgreSQL unique violation (SQLSTATE 23505) anywhere in a failure's causes. */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {}

    /** The violated constraint's name ("" when unknown), if the failure is a unique violation. */
    public static Optional<String> constraintOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return Optional.of(violation.getConstraintName() == null ? "" : violation.getConstraintName());
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.of("");
            }
        }
        return Optional.empty();
    }

    public static boolean of(Throwable failure, String constraint) {
        return constraintOf(failure).filter(constraint::equals).isPresent();
    }
}
