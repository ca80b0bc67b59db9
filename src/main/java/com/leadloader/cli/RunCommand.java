package com.leadloader.cli;

import com.leadloader.batch.LoadRunner;
import com.leadloader.batch.Partition;
import com.leadloader.batch.RunOutcome;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ops.GracefulStop;
import com.leadloader.ops.RunLogContext;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leadloader run}: loads a job spec's leads, or resumes its failed run. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Loads the leads a job spec describes into ContactNow.",
                "Running the same spec on the same data again resumes a failed or killed run; "
                        + "a completed one is not loaded twice."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every lead accounted for", "2:configuration error (spec, credentials, target); nothing sent",
                "3:finished, but more bad leads than validation.max-bad-percent",
                "4:failed part-way, stopped by SIGTERM, or another process is loading it; run the same command again",
                "5:finished, some leads failed after retries; see rerun-failed", "1:unexpected error"})
public class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    /** Each spec pushes its metrics to a group of its own, so runs of other specs do not replace them. */
    static final String PUSH_GROUP = "management.prometheus.metrics.export.pushgateway.grouping-key.spec";

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the job spec, e.g. jobs/demo.yml")
    Path specFile;

    @Option(names = "--param", paramLabel = "KEY=VALUE", parameterConsumer = ParamConsumer.class,
            description = "a value for a $${KEY} placeholder in the spec and part of the run's identity; repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--partition", paramLabel = "INDEX/COUNT", defaultValue = "${env:LEADLOADER_PARTITION}",
            description = {"load only this share of the source, while other processes load the others"
                    + " (e.g. one pod of an Indexed Job each: --partition $(JOB_COMPLETION_INDEX)/4);"
                    + " default: $LEADLOADER_PARTITION, else the whole source"})
    String partition;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        JobSpec spec = JobSpecLoader.load(specFile, params);
        Partition share = Partition.parse(partition);
        share.checkFits(spec);
        GracefulStop.guardStartup(); // a signal before the load is armed says nothing was sent
        try (var job = RunLogContext.job(spec.name());
             var context = SpringContext.start(Map.of(PUSH_GROUP, spec.name()))) {
            // JSON logs: everything goes through the log, so that every line of output parses.
            boolean structured = StringUtils.hasText(context.getEnvironment().getProperty("logging.structured.format.console"));
            try (var target = ContactNowTarget.open(spec, context.getEnvironment(),
                    structured ? new PrintWriter(new LogWriter(log)) : out)) {
                context.getBean(GracefulStop.class).arm();
                RunOutcome outcome = context.getBean(LoadRunner.class)
                        .run(spec, specFile, params, share, target.client(), System.console() != null ? System.err : null);
                if (structured) {
                    logSummary(spec, outcome);
                    return outcome.exitCode();
                }
                if (!share.whole()) {
                    out.printf("%s: partition %s%n", spec.name(), share);
                }
                if (!outcome.started()) {
                    out.printf("%s: %s%n", spec.name(), outcome.message());
                    return outcome.exitCode();
                }
                printSummary(out, spec, outcome);
                // Not for a run loaded earlier: its records were in the sandbox of the process that
                // loaded it, which ended with it.
                if (target.sandbox() != null && outcome.ranNow()) {
                    printLanded(out, context.getBean(LedgerRepository.class), outcome);
                }
                if (outcome.message() != null) {
                    (outcome.exitCode() == ExitCodes.OK ? out : command.commandLine().getErr()).println(outcome.message());
                }
                return outcome.exitCode();
            }
        } finally {
            GracefulStop.disarm();
            RunLogContext.clear();
        }
    }

    /** Lines written to it become INFO log events. */
    private static final class LogWriter extends java.io.Writer {
        private final Logger target;
        private final StringBuilder line = new StringBuilder();

        LogWriter(Logger target) {
            this.target = target;
        }

        @Override
        public synchronized void write(char[] chars, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (chars[i] == '\n') {
                    flush();
                } else if (chars[i] != '\r') {
                    line.append(chars[i]);
                }
            }
        }

        @Override
        public synchronized void flush() {
            if (!line.isEmpty()) {
                target.info(line.toString());
                line.setLength(0);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    private static void logSummary(JobSpec spec, RunOutcome outcome) {
        if (!outcome.started()) {
            log.atInfo().addKeyValue("exit_code", outcome.exitCode()).addKeyValue("rows", 0)
                    .log("{}: {}", spec.name(), outcome.message());
            return;
        }
        var event = (outcome.exitCode() == ExitCodes.OK ? log.atInfo() : log.atWarn())
                .addKeyValue("status", outcome.status().name())
                .addKeyValue("exit_code", outcome.exitCode())
                .addKeyValue("rows", outcome.rowsRead());
        StringBuilder counts = new StringBuilder();
        for (LeadState state : LeadState.values()) {
            String name = state.name().toLowerCase();
            event = event.addKeyValue(name, outcome.count(state));
            counts.append(' ').append(name).append(' ').append(outcome.count(state));
        }
        event.log("{}: execution {} {}: rows {}{}{}", spec.name(), outcome.jobExecutionId(), outcome.status(),
                outcome.rowsRead(), counts, outcome.message() == null ? "" : "; " + outcome.message().replace('\n', ' '));
    }

    static void printSummary(PrintWriter out, JobSpec spec, RunOutcome outcome) {
        out.printf("%s: execution %d %s%n", spec.name(), outcome.jobExecutionId(), outcome.status());
        out.printf("  rows      %,d%n", outcome.rowsRead());
        for (LeadState state : LeadState.values()) {
            long n = outcome.count(state);
            if (n > 0 || state == LeadState.CREATED) {
                out.printf("  %-9s %,d%n", state.name().toLowerCase(), n);
            }
        }
        out.printf("  report:   leadloader report %d --out DIR%n", outcome.jobExecutionId());
    }

    private static void printLanded(PrintWriter out, LedgerRepository ledger, RunOutcome outcome) {
        out.println("What landed in the sandbox (first 10 created records):");
        int[] shown = {0};
        ledger.forEachOfInstance(outcome.jobInstanceId(), entry -> {
            if (entry.state() == LeadState.CREATED && shown[0]++ < 10) {
                out.printf("  key %-8d %-24s %-26s %s%n", entry.contactnowKey(), entry.where(),
                        name(entry), phone(entry));
            }
        });
        out.println("Not loaded (first 10), with the reason:");
        int[] rejected = {0};
        ledger.forEachOfInstance(outcome.jobInstanceId(), entry -> {
            if (entry.state() != LeadState.CREATED && rejected[0]++ < 10) {
                out.printf("  %-10s %-22s %s%n", entry.state().name().toLowerCase(), entry.where(), reason(entry));
            }
        });
    }

    /** Why a lead is not loaded, in words; a pending lead has no message of its own, only warnings if any. */
    static String reason(LedgerEntry entry) {
        if (entry.state() == LeadState.PENDING) {
            return "not settled: it was being sent when the run stopped; the same command again settles it"
                    + (entry.message() == null ? "" : " (" + entry.message() + ")");
        }
        if (entry.message() != null) {
            return entry.message();
        }
        return entry.reasonCode() != null ? entry.reasonCode() : "no reason recorded";
    }

    private static String name(LedgerEntry entry) {
        return (entry.fields().getOrDefault("FirstName", "") + " " + entry.fields().getOrDefault("LastName", "")).trim();
    }

    private static String phone(LedgerEntry entry) {
        for (String field : new String[] {"MobilePhone", "HomePhone", "WorkPhone"}) {
            String value = entry.fields().get(field);
            if (value != null && !value.isBlank()) {
                return field + " " + value;
            }
        }
        return "";
    }
}
