package com.leadloader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code leadloader} command: lists the subcommands, each of which does one job. */
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
public class LeadloaderCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A configured command line: exit codes and error handling as the README documents them. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LeadloaderCommand());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        cli.setParameterExceptionHandler(new ParameterErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
