package com.leadloader;

import com.leadloader.cli.LeadloaderCommand;
import com.leadloader.ops.GracefulStop;
import picocli.CommandLine;

/**
 * Entry point of the {@code leadloader} command. Parses the command line with picocli; commands
 * that need the job repository start a Spring context themselves, so {@code leadloader sandbox}
 * and {@code --help} start in well under a second.
 */
public final class Leadloader {

    private Leadloader() {
    }

    public static void main(String[] args) {
        // Through GracefulStop: on SIGTERM its hook waits for this code to end the JVM with it.
        GracefulStop.exit(LeadloaderCommand.commandLine().execute(args));
    }
}
