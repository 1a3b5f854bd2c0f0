package io.nexidentity.ctl;

/** What nexidctl tells the person instead of a stack trace: one line on stderr, exit status 1. */
public final class CtlException extends RuntimeException {

    public CtlException(String message) {
        super(message);
    }
}
