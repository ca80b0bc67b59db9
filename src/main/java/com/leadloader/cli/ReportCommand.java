package com.leadloader.cli;

import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.LedgerRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leadloader report}: writes {@code created.csv} and {@code bad.csv} for a run, the files
 * people open in a spreadsheet. The run is the execution's job instance, so a run that was
 * restarted reports every lead once, whichever execution settled it. A {@code rerun-failed}
 * execution reports what it did: the ledger rows it last touched, as {@code status} counts them.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Writes a run's created.csv and bad.csv, for a spreadsheet.",
                "created.csv: source row, marker, ContactNow key. bad.csv: every lead not created, with its"
                        + " source row, state, reason code, message and every source column.",
                "An execution of a run reports every lead of the run; a rerun-failed execution reports the leads"
                        + " it resent (the rows it last touched, as status counts them)."})
public class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "EXECUTION", description = "an execution id (see leadloader status)")
    long executionId;

    @Option(names = "--out", defaultValue = "out", paramLabel = "DIR",
            description = "the directory to write to (default ${DEFAULT-VALUE}/<job>-<execution>)")
    Path out;

    @Override
    public Integer call() {
        PrintWriter console = command.commandLine().getOut();
        // Tried once more if the embedded database closed under it: the files are only renamed into place whole.
        Reports.Written written = EmbeddedDatabaseGone.retryingOnce(this::write);
        if (rerunOf != null) {
            console.printf("execution %d is a rerun-failed of execution %d: the leads it resent"
                    + " (leadloader report %d for the whole run)%n", executionId, rerunOf, rerunOf);
        }
        console.printf("%s (%,d created)%n%s (%,d not created)%n", written.created(), written.createdRows(),
                written.bad(), written.badRows());
        return ExitCodes.OK;
    }

    /** The run the execution is a rerun of, or null; set by {@link #write} (said once, after a retry too). */
    private Long rerunOf;

    private Reports.Written write() {
        try (var context = SpringContext.startReading()) {
            JobExecution execution = Executions.existing(context.getBean(JobRepository.class), executionId);
            LedgerRepository ledger = context.getBean(LedgerRepository.class);
            Path dir = command.commandLine().getParseResult().hasMatchedOption("--out") ? out
                    : out.resolve(execution.getJobInstance().getJobName() + "-" + executionId);
            rerunOf = Executions.rerunOf(execution);
            if (rerunOf == null) {
                return Reports.write(ledger, execution.getJobInstanceId(), dir);
            }
            // A rerun's rows are under the run's job instance: its own are the ones it last touched.
            return Reports.write(sink -> ledger.forEachOfExecution(executionId, sink), dir);
        }
    }

    /**
     * Writes the two report files from the ledger. Each is written under a hidden temporary name in
     * the same directory and moved into place only once both are complete, so a report that fails
     * part-way (the database went away, the disk filled) leaves no file that looks like a whole one.
     */
    public static final class Reports {

        /** What was written where. */
        public record Written(Path created, long createdRows, Path bad, long badRows) {
        }

        /** A run's ledger rows, in source order, read afresh on each call. */
        @FunctionalInterface
        public interface Rows {
            void forEach(Consumer<LedgerEntry> sink);
        }

        private Reports() {
        }

        /** The report of a run: every ledger row of its job instance. */
        public static Written write(LedgerRepository ledger, long jobInstanceId, Path dir) {
            return write(sink -> ledger.forEachOfInstance(jobInstanceId, sink), dir);
        }

        public static Written write(Rows rows, Path dir) {
            Path createdFile = dir.resolve("created.csv");
            Path badFile = dir.resolve("bad.csv");
            Path createdPart = partName(createdFile);
            Path badPart = partName(badFile);
            try {
                Files.createDirectories(dir);
                // Two passes over the ledger: the first learns the source columns, so bad.csv has one header.
                Set<String> columns = new LinkedHashSet<>();
                rows.forEach(e -> {
                    if (e.state() != LeadState.CREATED) {
                        columns.addAll(e.sourceValues().keySet());
                    }
                });
                long[] counts = new long[2];
                try (CSVPrinter created = printer(createdPart, "source", "row", "marker", "contactnow_key");
                     CSVPrinter bad = printer(badPart, header(columns))) {
                    rows.forEach(e -> {
                        try {
                            if (e.state() == LeadState.CREATED) {
                                created.printRecord(e.origin(), e.sourcePosition(), e.marker(), e.contactnowKey());
                                counts[0]++;
                            } else {
                                bad.printRecord(badRow(e, columns));
                                counts[1]++;
                            }
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
                }
                Files.move(createdPart, createdFile, StandardCopyOption.ATOMIC_MOVE);
                Files.move(badPart, badFile, StandardCopyOption.ATOMIC_MOVE);
                return new Written(createdFile, counts[0], badFile, counts[1]);
            } catch (IOException e) {
                throw new UserError("cannot write the report to " + dir + ": " + why(e, dir));
            } catch (UncheckedIOException e) {
                throw new UserError("cannot write the report to " + dir + ": " + why(e.getCause(), dir));
            } finally {
                deleteQuietly(createdPart);
                deleteQuietly(badPart);
            }
        }

        /** {@code .created.csv.<random>.part}: hidden, and unique to this report among others writing to the directory. */
        private static Path partName(Path file) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
            return file.resolveSibling("." + file.getFileName() + "." + random + ".part");
        }

        private static void deleteQuietly(Path part) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a left-over .part file is hidden and never taken for a report
            }
        }

        /** What went wrong, in words: a file system exception's message is only the path. */
        private static String why(IOException e, Path dir) {
            if (e instanceof FileAlreadyExistsException exists) {
                String file = exists.getFile();
                return (file == null || Path.of(file).equals(dir) ? "it" : file)
                        + " is a file, not a directory (give --out a directory)";
            }
            if (e instanceof AccessDeniedException denied) {
                return "permission denied" + (denied.getFile() == null || Path.of(denied.getFile()).equals(dir)
                        ? "" : " (" + denied.getFile() + ")");
            }
            String file = e instanceof FileSystemException fs ? fs.getFile() : null;
            return FileErrors.reason(e) + (file == null || Path.of(file).equals(dir) ? "" : " (" + file + ")");
        }

        private static String[] header(Set<String> columns) {
            List<String> header = new ArrayList<>(List.of("source", "row", "state", "reason_code", "message",
                    "duplicate_of"));
            header.addAll(columns);
            return header.toArray(String[]::new);
        }

        private static List<Object> badRow(LedgerEntry e, Set<String> columns) {
            List<Object> row = new ArrayList<>(List.of(e.origin(), e.sourcePosition(), e.state().name().toLowerCase(),
                    nullToEmpty(e.reasonCode()), nullToEmpty(e.message()), nullToEmpty(e.duplicateOf())));
            for (String column : columns) {
                // A lead refused by the API has its sent fields, not source columns, in the ledger.
                row.add(e.sourceValues().getOrDefault(column, ""));
            }
            return row;
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }

        private static CSVPrinter printer(Path file, String... header) throws IOException {
            // A UTF-8 BOM so that Excel opens names with accents correctly.
            var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            writer.write('\ufeff');
            return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header).get());
        }
    }
}
