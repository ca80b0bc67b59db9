package com.leadloader.cli;

import picocli.CommandLine;

/**
 * Turns exceptions that reach the command line into one readable sentence and an exit code.
 * A {@link UserError} is the user's to fix and prints no stack trace; nor does the embedded
 * database closing under the command ({@link EmbeddedDatabaseGone}), which is exit 4.
 */
class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        if (ex instanceof UserError userError) {
            cli.getErr().println("leadloader: " + userError.getMessage());
            return userError.exitCode();
        }
        if (EmbeddedDatabaseGone.causes(ex)) {
            cli.getErr().println("leadloader: " + EmbeddedDatabaseGone.MESSAGE);
            return ExitCodes.FAILED_RESTARTABLE;
        }
        cli.getErr().println("leadloader: unexpected error: " + ex);
        ex.printStackTrace(cli.getErr());
        return ExitCodes.INTERNAL_ERROR;
    }
}
