package com.leadloader.cli;

/** A mistake the user can fix (bad spec, missing file, wrong option); printed without a stack trace. */
public class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(String message) {
        this(message, ExitCodes.CONFIGURATION_ERROR, null);
    }

    public UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
