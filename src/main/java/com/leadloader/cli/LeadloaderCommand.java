package com.leadloader.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code leadloader} command: lists the subcommands, each of which does one job. Without
 * one the command line does not say what to do: like any other that does not parse, it exits 2.
 */
@Command(name = "leadloader",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Loads sales leads into 8x8 ContactNow campaigns, exactly once.",
        subcommands = {
                RunCommand.class,
                ValidateCommand.class,
                StatusCommand.class,
                ReportCommand.class,
                RerunFailedCommand.class,
                SandboxCommand.class,
                GenerateCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public class LeadloaderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A configured command line: exit codes and error handling as the README documents them. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LeadloaderCommand());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        cli.setParameterExceptionHandler(new ParameterErrorHandler());
        return cli;
    }

    /** Called only without a subcommand ({@code --help} and {@code -V} are answered before): the usage, on stderr. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("leadloader: a command is needed, e.g. 'leadloader run SPEC'");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.CONFIGURATION_ERROR;
    }
}
