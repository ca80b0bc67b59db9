package com.leadloader.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Reports a command line picocli cannot parse (a missing, unknown or malformed option, an unknown
 * command) as its one sentence, picocli's "Did you mean" suggestions if it has any, and where the
 * usage is, instead of the whole usage; exit code 2.
 */
class ParameterErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("leadloader: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.CONFIGURATION_ERROR;
    }
}
