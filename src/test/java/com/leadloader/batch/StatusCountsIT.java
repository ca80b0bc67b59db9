package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.cli.ExitCodes;
import com.leadloader.cli.LeadloaderCommand;
import com.leadloader.ledger.LeadState;
import com.leadloader.load.LoadCounters;
import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.spec.JobSpecLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import picocli.CommandLine;

/**
 * {@code leadloader status} on a restarted run and a rerun: each execution shows the ledger rows
 * it last touched, so a run's executions add up to its totals and a rerun shows what it resent.
 */
class StatusCountsIT {

    private static final Pattern LINE = Pattern.compile(
            "(?m)^(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+\\S+ \\S+\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)$");

    @TempDir
    Path dir;

    /** The counts of one status line: rows, created, bad, dupes, supp, failed. */
    record Counts(long rows, long created, long bad, long duplicate, long suppressed, long failed) {
    }

    @Test
    void eachExecutionShowsTheRowsItLastTouchedAndARerunWhatItResent() throws Exception {
        try (LoadHarness h = LoadHarness.start("status_counts", SandboxConfig.defaults())) {
            // A run stopped part-way by a dataset that expires, then resumed by a second execution.
            Path expiring = LeadFiles.spec(dir, "status-expiring", LeadFiles.csv(dir, "expiring.csv", 0, 400),
                    "load:\n  chunk-size: 50\n  in-flight: 1\n");
            h.sandbox.expireDatasetAfterRecords(100, 120);
            RunOutcome stopped = h.run(expiring, Map.of());
            assertThat(stopped.status()).isEqualTo(BatchStatus.FAILED);
            h.sandbox.expireDatasetAfterRecords(100, Long.MAX_VALUE);
            h.sandbox.store().setDatasetStatus(100, "LIVE");
            RunOutcome resumed = h.run(expiring, Map.of());
            assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(resumed.count(LeadState.CREATED)).isEqualTo(400);

            // A run whose every lead fails, then rerun-failed sends them as an execution of its own.
            h.sandbox.setFaults(new Faults(0, 1.0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 7));
            Path failing = LeadFiles.spec(dir, "status-failing", LeadFiles.csv(dir, "failing.csv", 5000, 40),
                    "load:\n  chunk-size: 20\n  in-flight: 1\n  max-attempts: 2\n");
            RunOutcome failed = h.run(failing, Map.of());
            assertThat(failed.exitCode()).isEqualTo(ExitCodes.LEADS_FAILED);
            h.sandbox.setFaults(Faults.none());
            JobExecution rerun = rerun(h, failing, failed);
            assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);

            Map<Long, Counts> shown = status(h.dbUrl);

            assertThat(shown).containsOnlyKeys(stopped.jobExecutionId(), resumed.jobExecutionId(),
                    failed.jobExecutionId(), rerun.getId());
            Counts first = shown.get(stopped.jobExecutionId());
            Counts second = shown.get(resumed.jobExecutionId());
            assertThat(first.created()).as("the stopped execution's own leads, not the run's 400").isBetween(1L, 399L);
            assertThat(first.rows() + second.rows()).isEqualTo(400);
            assertThat(first.created() + second.created()).isEqualTo(400);
            assertThat(shown.get(failed.jobExecutionId())).as("its leads were resent by the rerun")
                    .isEqualTo(new Counts(0, 0, 0, 0, 0, 0));
            assertThat(shown.get(rerun.getId())).isEqualTo(new Counts(40, 40, 0, 0, 0, 0));
            shown.forEach((execution, counts) -> assertThat(counts).as("execution %d", execution)
                    .isEqualTo(ledgerCounts(h.dbUrl, execution)));
        }
    }

    private static JobExecution rerun(LoadHarness h, Path spec, RunOutcome original) throws Exception {
        var loaded = JobSpecLoader.load(spec);
        var job = h.context.getBean(LoadJobFactory.class).createRerun(loaded.name() + "-rerun", original.jobInstanceId(),
                loaded, h.client, "100", new LoadCounters());
        return h.context.getBean(JobOperator.class).start(job, new JobParametersBuilder()
                .addLong("rerun.of.execution", original.jobExecutionId())
                .addLong("rerun.at", System.nanoTime()).toJobParameters());
    }

    /** Runs {@code leadloader status} in this JVM against the test's database, and reads its lines. */
    private static Map<Long, Counts> status(String dbUrl) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("spring.datasource.url", dbUrl);
        int exit;
        try {
            CommandLine cli = LeadloaderCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit = cli.execute("status");
        } finally {
            System.clearProperty("spring.datasource.url");
        }
        assertThat(exit).as(out + "\n" + err).isZero();
        Map<Long, Counts> lines = new HashMap<>();
        Matcher m = LINE.matcher(out.toString());
        while (m.find()) {
            lines.put(Long.parseLong(m.group(1)), new Counts(n(m.group(4)), n(m.group(5)), n(m.group(6)),
                    n(m.group(7)), n(m.group(8)), n(m.group(9))));
        }
        return lines;
    }

    private static long n(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** The ledger rows whose last execution is this one, counted by state. */
    private static Counts ledgerCounts(String dbUrl, long execution) {
        Map<String, Long> byState = new HashMap<>();
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select state, count(*) from lead_ledger where job_execution_id = "
                     + execution + " group by state")) {
            while (rs.next()) {
                byState.put(rs.getString(1), rs.getLong(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        long rows = byState.values().stream().mapToLong(Long::longValue).sum();
        List<String> states = List.of("CREATED", "BAD", "DUPLICATE", "SUPPRESSED", "FAILED");
        long[] n = states.stream().mapToLong(st -> byState.getOrDefault(st, 0L)).toArray();
        return new Counts(rows, n[0], n[1], n[2], n[3], n[4]);
    }
}
