package com.leadloader.cli;

import com.leadloader.testing.SandboxSpecs;
import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as a user runs them, as separate processes, on the jobs shipped in {@code jobs/}:
 * exit codes, what they print, and that status and report agree with the run.
 */
class ShippedJobsCliIT {

    @TempDir
    Path dir;

    private SandboxServer sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0));
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    record Result(int exit, String output) {
    }

    private int runs;

    private Result leadloader(String dbUrl, String... args) throws Exception {
        Map<String, String> env = LeadloaderProcess.environment(dbUrl, sandbox);
        env.put("CRM_DB_PASSWORD", "not-needed-with-trust-auth");
        Path log = dir.resolve("leadloader-" + ++runs + ".log");
        Process process = LeadloaderProcess.start(env, log, args);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("leadloader %s finishes", String.join(" ", args)).isTrue();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoRunsPrintsWhatLandedAndIsNotLoadedTwice() throws Exception {
        String db = TestDatabase.freshSchemaUrl("cli_demo");
        Result run = leadloader(db, "run", "jobs/demo.yml");
        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.OK);
        assertThat(run.output())
                .contains("demo: execution 1 COMPLETED", "created   50", "bad       6", "duplicate 2", "suppressed 3")
                .contains("What landed in the sandbox", "Not loaded (first 10), with the reason:")
                .contains("is new: it knows of no earlier load") // a first run on an empty ledger says so
                .doesNotContain("Exception", "\tat ");

        Result again = leadloader(db, "run", "jobs/demo.yml");
        assertThat(again.exit()).as(again.output()).isEqualTo(ExitCodes.OK);
        assertThat(again.output()).contains("already loaded by execution 1").doesNotContain("is new");

        Result status = leadloader(db, "status");
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("1\\s+demo\\s+COMPLETED.*\\s61\\s+50\\s+6\\s+2\\s+3\\s+0");

        Result report = leadloader(db, "report", "1", "--out", dir.resolve("report").toString());
        assertThat(report.exit()).as(report.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("report/created.csv"))).hasSize(51);
        assertThat(Files.readAllLines(dir.resolve("report/bad.csv"))).hasSize(12);
    }

    @Test
    void validateAcceptsEachShippedJob() throws Exception {
        String db = TestDatabase.freshSchemaUrl("cli_validate");
        Result demo = leadloader(db, "validate", "jobs/demo.yml");
        assertThat(demo.exit()).as(demo.output()).isEqualTo(ExitCodes.OK);
        assertThat(demo.output()).contains("rows        61", "would load  50", "bad         6");

        Result excel = leadloader(db, "validate", "jobs/excel-campaign-import.yml");
        assertThat(excel.exit()).as(excel.output()).isEqualTo(ExitCodes.OK);
        assertThat(excel.output()).contains("mapping OK; dataset new (created by the run)").contains("would load");

        // The nightly job reads a CRM table: load the sample into a schema of its own and point
        // a copy of the shipped spec at it (only the URL differs).
        String crm = TestDatabase.freshSchemaUrl("cli_crm");
        try (Connection c = DriverManager.getConnection(crm); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("sample-data/crm-postgres.sql")));
        }
        String shipped = Files.readString(Path.of("jobs/nightly-crm-jdbc.yml"));
        assertThat(shipped).contains("url: jdbc:postgresql://127.0.0.1:5432/test");
        Path spec = Files.writeString(dir.resolve("nightly-crm-jdbc.yml"),
                shipped.replace("url: jdbc:postgresql://127.0.0.1:5432/test", "url: \"" + crm + "\""));
        Result nightly = leadloader(db, "validate", spec.toString());
        assertThat(nightly.exit()).as(nightly.output()).isEqualTo(ExitCodes.OK);
        assertThat(nightly.output()).contains("would load").doesNotContain("Exception");
    }

    @Test
    void anExpiredDatasetIsAConfigurationErrorAndNothingIsSent() throws Exception {
        String db = TestDatabase.freshSchemaUrl("cli_expired");
        Path spec = Files.writeString(dir.resolve("expired.yml"), Files.readString(Path.of("jobs/demo.yml"))
                .replace("dataset: \"100\"", "dataset: \"351\"").replace("expect-state: live", "expect-state: any")
                .replace("sandbox: true", "sandbox: false")
                .replace("path: sample-data/", "path: " + Path.of("sample-data").toAbsolutePath() + "/"));
        Result run = leadloader(db, "run", spec.toString());
        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(run.output()).contains("351").containsIgnoringCase("expired").doesNotContain("\tat ");
        assertThat(sandbox.store().recordCount()).isZero();
    }

    @Test
    void leadsThatFailedAfterRetriesExitFiveAndRerunFailedSendsOnlyThem() throws Exception {
        String db = TestDatabase.freshSchemaUrl("cli_rerun");
        StringBuilder csv = new StringBuilder("first_name,last_name,mobile\n");
        for (int i = 0; i < 30; i++) {
            csv.append("Ann,Lee").append(i).append(",07400 9").append(String.format("%05d", i)).append('\n');
        }
        Path leads = Files.writeString(dir.resolve("rerun.csv"), csv);
        Path spec = SandboxSpecs.write(dir, "rerun-cli", leads, """
                load:
                  chunk-size: 10
                  in-flight: 1
                  max-attempts: 2
                """);
        sandbox.setFaults(new com.leadloader.sandbox.Faults(0, 1.0, 0,
                com.leadloader.sandbox.LostResponseMode.DROP_CONNECTION, 0, 0, 0, 5));
        Result failed = leadloader(db, "run", spec.toString());
        assertThat(failed.exit()).as(failed.output()).isEqualTo(ExitCodes.LEADS_FAILED);
        assertThat(failed.output()).contains("failed    30").contains("rerun-failed");
        assertThat(sandbox.store().recordCount()).isZero();

        sandbox.setFaults(com.leadloader.sandbox.Faults.none());
        // While the run is marked running, its leads may still be in flight: no rerun then.
        executionStatus(db, 1, "STARTED");
        Result whileRunning = leadloader(db, "rerun-failed", "1");
        assertThat(whileRunning.exit()).as(whileRunning.output()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(whileRunning.output()).contains("execution 1 of rerun-cli is still marked STARTED")
                .contains("run its spec again to resume it").doesNotContain("\tat ");
        assertThat(sandbox.store().recordCount()).isZero();
        executionStatus(db, 1, "COMPLETED");

        Result rerun = leadloader(db, "rerun-failed", "1");
        assertThat(rerun.exit()).as(rerun.output()).isEqualTo(ExitCodes.OK);
        assertThat(rerun.output()).contains("resent 30 failed leads of execution 1: 30 created");
        assertThat(sandbox.store().recordCount()).isEqualTo(30);

        Result nothingLeft = leadloader(db, "rerun-failed", "1");
        assertThat(nothingLeft.exit()).isEqualTo(ExitCodes.OK);
        assertThat(nothingLeft.output()).contains("no failed leads");
        assertThat(sandbox.store().recordCount()).isEqualTo(30);

        Result unknown = leadloader(db, "rerun-failed", "99");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(unknown.output()).contains("no execution 99").doesNotContain("\tat ");
    }

    /**
     * {@code status} shows a rerun's leads under the rerun's execution: its id is the one a user
     * passes on, and {@code report} of it writes what that execution did, as status counts it.
     */
    @Test
    void theReportOfARerunsExecutionIsWhatThatExecutionDid() throws Exception {
        String db = TestDatabase.freshSchemaUrl("cli_report_rerun");
        long failed = runAndRerunPartly(db);
        long created = 40 - failed;
        Result status = leadloader(db, "status");
        assertThat(status.output()).containsPattern("(?m)^2\\s+rerun-partly-rerun\\s+COMPLETED.*\\s40\\s+"
                + created + "\\s+0\\s+0\\s+0\\s+" + failed + "$");

        Result report = leadloader(db, "report", "2", "--out", dir.resolve("report-2").toString());
        assertThat(report.exit()).as(report.output()).isZero();
        assertThat(report.output()).contains("execution 2 is a rerun-failed of execution 1: the leads it resent")
                .contains("(" + created + " created)").contains("(" + failed + " not created)");
        assertThat(Files.readAllLines(dir.resolve("report-2/created.csv"))).hasSize(1 + (int) created);
        List<String> bad = Files.readAllLines(dir.resolve("report-2/bad.csv"));
        assertThat(bad).hasSize(1 + (int) failed);
        assertThat(bad.subList(1, bad.size())).allMatch(line -> line.contains(",failed,RETRIES_EXHAUSTED,"));

        // The run's own execution still reports the whole run, whichever execution settled each lead.
        assertThat(leadloader(db, "report", "1", "--out", dir.resolve("report-1").toString()).exit()).isZero();
        assertThat(Files.readAllLines(dir.resolve("report-1/created.csv"))).hasSize(1 + (int) created);
        assertThat(Files.readAllLines(dir.resolve("report-1/bad.csv"))).hasSize(1 + (int) failed);
    }

    /**
     * {@code rerun-failed} of a rerun's execution (the id status shows the still failed leads under)
     * sends the failed leads of the run it belongs to, as a rerun of that run.
     */
    @Test
    void rerunFailedOfARerunsExecutionSendsTheFailedLeadsOfItsRun() throws Exception {
        String db = TestDatabase.freshSchemaUrl("cli_rerun_rerun");
        long failed = runAndRerunPartly(db);

        sandbox.setFaults(com.leadloader.sandbox.Faults.none());
        Result again = leadloader(db, "rerun-failed", "2");
        assertThat(again.exit()).as(again.output()).isEqualTo(ExitCodes.OK);
        assertThat(again.output()).contains("execution 2 is a rerun-failed of execution 1: sending the failed leads"
                + " of that run").contains("resent " + failed + " failed leads of execution 1: " + failed + " created");
        assertThat(sandbox.store().recordCount()).isEqualTo(40);
        Result status = leadloader(db, "status");
        assertThat(status.output()).containsPattern("(?m)^3\\s+rerun-partly-rerun\\s+COMPLETED.*\\s"
                + failed + "\\s+" + failed + "\\s+0\\s+0\\s+0\\s+0$");

        Result nothingLeft = leadloader(db, "rerun-failed", "3");
        assertThat(nothingLeft.exit()).as(nothingLeft.output()).isZero();
        assertThat(nothingLeft.output()).contains("execution 1 has no failed leads: nothing to send");
        assertThat(sandbox.store().recordCount()).isEqualTo(40);
    }

    /**
     * Execution 1 loads 40 leads that all fail; execution 2, {@code rerun-failed 1} while half the
     * requests fail, creates some and leaves the others failed. The number it left failed.
     */
    private long runAndRerunPartly(String db) throws Exception {
        StringBuilder csv = new StringBuilder("first_name,last_name,mobile\n");
        for (int i = 0; i < 40; i++) {
            csv.append("Ann,Lee").append(i).append(",07400 8").append(String.format("%05d", i)).append('\n');
        }
        Path spec = SandboxSpecs.write(dir, "rerun-partly", Files.writeString(dir.resolve("partly.csv"), csv), """
                load:
                  chunk-size: 5
                  in-flight: 1
                  max-attempts: 2
                """);
        sandbox.setFaults(new com.leadloader.sandbox.Faults(0, 1.0, 0,
                com.leadloader.sandbox.LostResponseMode.DROP_CONNECTION, 0, 0, 0, 5));
        Result run = leadloader(db, "run", spec.toString());
        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.LEADS_FAILED);
        sandbox.setFaults(new com.leadloader.sandbox.Faults(0, 0.5, 0,
                com.leadloader.sandbox.LostResponseMode.DROP_CONNECTION, 0, 0, 0, 11));
        Result rerun = leadloader(db, "rerun-failed", "1");
        assertThat(rerun.exit()).as(rerun.output()).isEqualTo(ExitCodes.LEADS_FAILED);
        long created = sandbox.store().recordCount();
        assertThat(created).as(rerun.output()).isBetween(1L, 39L);
        assertThat(rerun.output()).contains("resent 40 failed leads of execution 1: " + created + " created, 0 bad, "
                + (40 - created) + " still failed");
        return 40 - created;
    }

    private static void executionStatus(String db, long execution, String status) throws Exception {
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update batch_job_execution set status = '" + status
                    + "' where job_execution_id = " + execution)).isOne();
        }
    }
}
