package com.leadloader.hostile;

import com.leadloader.cli.LeadloaderCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs {@code leadloader} in this JVM the way a user would, and captures everything the user
 * would see: picocli's out and err, and the log lines the console appender writes to
 * {@code System.out}/{@code System.err}. Not thread-safe: it swaps the JVM's standard streams.
 */
final class Cli {

    /** What one command printed, and its exit code. */
    record Result(int exitCode, String out, String err, String console) {

        /** Everything a user at a terminal would have seen. */
        String all() {
            return out + err + console;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err + "\n--- console ---\n" + console;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        int exit;
        try {
            System.setOut(capture);
            System.setErr(capture);
            CommandLine cli = LeadloaderCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit = cli.execute(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        Result result = new Result(exit, out.toString(), err.toString(), console.toString(StandardCharsets.UTF_8));
        savedOut.println("leadloader " + String.join(" ", args) + " -> " + result);
        return result;
    }
}
