package com.leadloader.cli;

import com.leadloader.generate.LeadGenerator;
import com.leadloader.generate.LeadGenerator.Format;
import com.leadloader.generate.LeadGenerator.Options;
import com.leadloader.generate.LeadGenerator.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadloader generate}: writes synthetic UK leads and their suppression list, for rehearsals and the benchmark. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Writes synthetic UK leads and their suppression list, for rehearsals.",
                "Names, addresses, emails and phones are written the many ways people write them,"
                        + " with known shares of duplicates, bad rows and suppressed numbers."
                        + " jobs/generated-leads.yml loads them into the sandbox. See docs/generate.md."})
public class GenerateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--rows", paramLabel = "N", required = true, description = "data rows to write")
    long rows;

    @Option(names = "--format", paramLabel = "csv|xlsx",
            description = "file format (default: the --out file's extension, .csv or .xlsx)")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "the leads file; the suppression list goes beside it as NAME-suppression.csv")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "same seed, same file (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--duplicates", paramLabel = "PCT", defaultValue = "5",
            description = "%% of rows repeating an earlier person, phones written another way (default: ${DEFAULT-VALUE})")
    double duplicates;

    @Option(names = "--bad", paramLabel = "PCT", defaultValue = "3",
            description = "%% of rows with no usable phone or a last name over 50 characters (default: ${DEFAULT-VALUE})")
    double bad;

    @Option(names = "--suppressed", paramLabel = "PCT", defaultValue = "2",
            description = "%% of rows whose mobile is on the suppression list (default: ${DEFAULT-VALUE})")
    double suppressed;

    @Override
    public Integer call() {
        Options options;
        try {
            options = new Options(rows, format(format, out), out, seed, duplicates, bad, suppressed);
        } catch (IllegalArgumentException e) {
            throw new UserError("generate: " + e.getMessage());
        }
        long started = System.nanoTime();
        Summary summary;
        try {
            summary = new LeadGenerator().generate(options);
        } catch (IllegalArgumentException e) {
            throw new UserError("generate: " + e.getMessage());
        } catch (IOException e) {
            String file = e instanceof java.nio.file.FileSystemException fs ? fs.getFile() : null;
            throw new UserError("generate: cannot write " + out + ": " + FileErrors.reason(e)
                    + (file == null || file.equals(out.toString()) ? "" : " (" + file + ")"));
        }
        print(command.commandLine().getOut(), summary, (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }

    /**
     * The format {@code --format} names, or else the one the file's extension names: a file
     * called {@code .xlsx} must never get CSV text, so the two must agree when both are given.
     */
    static Format format(String option, Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        String extension = name.lastIndexOf('.') < 0 ? "" : name.substring(name.lastIndexOf('.') + 1);
        Format byExtension = switch (extension.toLowerCase(Locale.ROOT)) {
            case "csv" -> Format.CSV;
            case "xlsx" -> Format.XLSX;
            default -> null;
        };
        if (option == null) {
            if (byExtension == null) {
                throw new UserError("generate: cannot tell the format of --out " + out + " from its name:"
                        + " name it .csv or .xlsx, or pass --format csv|xlsx");
            }
            return byExtension;
        }
        Format chosen = Format.parse(option);
        if (byExtension != null && byExtension != chosen) {
            throw new UserError("generate: --format " + option + " contradicts --out " + out + ": name the file ."
                    + chosen.name().toLowerCase(Locale.ROOT) + ", or leave --format out");
        }
        return chosen;
    }

    static void print(PrintWriter out, Summary s, double seconds) {
        out.printf("generated %,d rows in %.1f s%n", s.rows(), seconds);
        out.printf("  good        %,d%n", s.good());
        out.printf("  duplicates  %,d%n", s.duplicates());
        out.printf("  bad         %,d%n", s.bad());
        out.printf("  suppressed  %,d%n", s.suppressed());
        out.printf("  leads       %s%n", s.leads());
        out.printf("  suppression %s (%,d numbers)%n", s.suppressionFile(), s.suppressionEntries());
        out.flush();
    }
}
