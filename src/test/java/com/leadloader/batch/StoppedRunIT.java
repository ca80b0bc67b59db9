package com.leadloader.batch;

import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadloader.cli.ExitCodes;
import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A load sent SIGTERM in the middle, as a pod eviction does, in a real separate process: it
 * finishes the chunk in flight, is recorded STOPPED, exits "failed, restartable", and the same
 * command run again completes it with every lead created exactly once. A rerun-failed likewise.
 */
class StoppedRunIT {

    private static final int LEADS = 3000;

    @TempDir
    Path dir;

    @Test
    void sigtermStopsAfterTheChunkInFlightAndTheNextRunResumes() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("ops_stopped");
        Path spec = LeadFiles.spec(dir, "stopped", LeadFiles.csv(dir, "stopped.csv", 20_000, LEADS),
                "load:\n  chunk-size: 25\n  in-flight: 2\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(latency(40));
            Path firstLog = dir.resolve("first.log");
            Process first = LeadloaderProcess.run(dbUrl, sandbox, spec, firstLog, null, Map.of());
            try {
                awaitRecords(sandbox, first, 500);
                // Slower answers from here on: the run cannot reach the end before the signal lands,
                // and the chunk in flight still finishes well within the grace period.
                sandbox.setFaults(latency(300));
                assertThat(first.isAlive()).as("first run still loading when stopped; log:\n%s",
                        Files.readString(firstLog)).isTrue();
                first.destroy(); // SIGTERM
                assertThat(first.waitFor(2, TimeUnit.MINUTES)).as("stopped within the grace period").isTrue();
            } finally {
                first.destroyForcibly();
            }
            String log = Files.readString(firstLog);
            assertThat(first.exitValue()).as(log).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(log).contains("termination requested").contains("stops after the chunk in flight")
                    .contains("run stopped on request").contains("run the same command again to resume it")
                    .doesNotContain("Exception");
            assertThat(lastExecutionStatus(dbUrl)).isEqualTo("STOPPED");
            assertThat(count(dbUrl, "select count(*) from lead_ledger where state = 'PENDING'"))
                    .as("pending ledger rows: the chunk in flight finished").isZero();
            long createdByFirst = count(dbUrl, "select count(*) from lead_ledger where state = 'CREATED'");
            assertThat(createdByFirst).as("every record in the sandbox is recorded as created")
                    .isEqualTo(sandbox.store().recordCount());
            assertThat(createdByFirst).as("stopped before the end").isLessThan(LEADS);

            sandbox.setFaults(Faults.none());
            Path secondLog = dir.resolve("second.log");
            String secondOut = runToTheEnd(dbUrl, sandbox, spec, secondLog, ExitCodes.OK);
            assertThat(secondOut).contains("COMPLETED");
            assertThat(lastExecutionStatus(dbUrl)).isEqualTo("COMPLETED");
            assertThat(count(dbUrl, "select count(distinct job_instance_id) from batch_job_execution"))
                    .as("the second run restarted the same job instance").isEqualTo(1);

            CreatedOnce.assertEveryLead(dbUrl, sandbox, 20_000, LEADS);
        }
    }

    /**
     * The same for Ctrl-C (SIGINT), on the embedded default database: H2 must not close itself in its
     * own shutdown hook before the stop is recorded (the execution would stay STARTED, and the run
     * exit "failed" with a stack trace).
     */
    @Test
    void ctrlCStopsARunOnTheEmbeddedDatabaseToo() throws Exception {
        int leads = 600;
        String dbUrl = "jdbc:h2:file:" + dir.resolve("data").resolve("leadloader") + ";AUTO_SERVER=TRUE";
        Path spec = LeadFiles.spec(dir, "stopped-h2", LeadFiles.csv(dir, "stopped-h2.csv", 30_000, leads),
                "load:\n  chunk-size: 20\n  in-flight: 2\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(latency(20));
            Path firstLog = dir.resolve("stopped-h2-first.log");
            Process first = LeadloaderProcess.run(dbUrl, sandbox, spec, firstLog, null, Map.of());
            try {
                awaitRecords(sandbox, first, 100);
                sandbox.setFaults(latency(300));
                assertThat(first.isAlive()).as("first run still loading when stopped; log:\n%s",
                        Files.readString(firstLog)).isTrue();
                assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start().waitFor()).isZero();
                assertThat(first.waitFor(2, TimeUnit.MINUTES)).as("stopped within the grace period").isTrue();
            } finally {
                first.destroyForcibly();
            }
            String log = Files.readString(firstLog);
            assertThat(first.exitValue()).as(log).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(log).contains("termination requested (SIGINT)").contains("run stopped on request").contains("run the same command again to resume it")
                    .doesNotContain("Exception").doesNotContain("already closed");
            assertThat(lastExecutionStatus(dbUrl)).isEqualTo("STOPPED");
            assertThat(count(dbUrl, "select count(*) from lead_ledger where state = 'CREATED'"))
                    .as("every record in the sandbox is recorded as created")
                    .isEqualTo(sandbox.store().recordCount()).isLessThan(leads);

            sandbox.setFaults(Faults.none());
            Path secondLog = dir.resolve("stopped-h2-second.log");
            runToTheEnd(dbUrl, sandbox, spec, secondLog, ExitCodes.OK);
            assertThat(lastExecutionStatus(dbUrl)).isEqualTo("COMPLETED");
            CreatedOnce.assertEveryLead(dbUrl, sandbox, 30_000, leads);
        }
    }

    /**
     * {@code rerun-failed} sent SIGTERM (on PostgreSQL) or Ctrl-C (on the embedded default) half-way,
     * in a real separate process, stops as a run does: after the request in flight, recorded STOPPED,
     * exit 4 with a message, no lead left pending; the leads it had not sent yet are still failed,
     * and the same command run again sends them, each lead created exactly once.
     */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalStopsARerunAfterTheRequestInFlightAndTheNextRerunSendsTheRest(String signal) throws Exception {
        int leads = 600;
        String dbUrl = signal.equals("TERM") ? TestDatabase.freshSchemaUrl("ops_rerun_stopped")
                : "jdbc:h2:file:" + dir.resolve("rerun-data").resolve("leadloader") + ";AUTO_SERVER=TRUE";
        Path spec = LeadFiles.spec(dir, "rerun-stopped", LeadFiles.csv(dir, "rerun-stopped.csv", 80_000, leads),
                "load:\n  chunk-size: 10\n  in-flight: 2\n  max-attempts: 1\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(new Faults(0, 1.0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 3));
            runToTheEnd(dbUrl, sandbox, spec, dir.resolve("rerun-stopped-run.log"), ExitCodes.LEADS_FAILED);
            assertThat(count(dbUrl, "select count(*) from lead_ledger where state = 'FAILED'")).isEqualTo(leads);

            sandbox.setFaults(latency(40));
            Map<String, String> env = LeadloaderProcess.environment(dbUrl, sandbox);
            Path rerunLog = dir.resolve("rerun-stopped-first.log");
            Process rerun = LeadloaderProcess.start(env, rerunLog, "rerun-failed", "1");
            try {
                awaitRecords(sandbox, rerun, 100);
                sandbox.setFaults(latency(300));
                assertThat(rerun.isAlive()).as("rerun still sending when stopped; log:\n%s",
                        Files.readString(rerunLog)).isTrue();
                assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(rerun.pid())).start().waitFor())
                        .isZero();
                assertThat(rerun.waitFor(2, TimeUnit.MINUTES)).as("stopped within the grace period").isTrue();
            } finally {
                rerun.destroyForcibly();
            }
            String log = Files.readString(rerunLog);
            assertThat(rerun.exitValue()).as(log).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(log).contains("termination requested (SIG" + signal + ")").contains("stops after the chunk in flight")
                    .contains("rerun stopped on request").contains("run the same command again to send the rest")
                    .doesNotContain("Exception").doesNotContain("already closed");
            assertThat(lastExecutionStatus(dbUrl)).as("the rerun, execution 2").isEqualTo("STOPPED");
            assertThat(count(dbUrl, "select count(*) from lead_ledger where state = 'PENDING'"))
                    .as("pending ledger rows: the request in flight finished").isZero();
            long created = count(dbUrl, "select count(*) from lead_ledger where state = 'CREATED'");
            assertThat(created).as("every record in the sandbox is recorded as created")
                    .isEqualTo(sandbox.store().recordCount()).isLessThan(leads);
            assertThat(count(dbUrl, "select count(*) from lead_ledger where state = 'FAILED'"))
                    .as("the leads not sent yet are still failed").isEqualTo(leads - created);

            sandbox.setFaults(Faults.none());
            String again = toTheEnd(LeadloaderProcess.start(env, dir.resolve("rerun-stopped-again.log"),
                    "rerun-failed", "1"), dir.resolve("rerun-stopped-again.log"), ExitCodes.OK);
            assertThat(again).contains("resent " + (leads - created) + " failed leads of execution 1: "
                    + (leads - created) + " created");
            CreatedOnce.assertEveryLead(dbUrl, sandbox, 80_000, leads);
        }
    }

    /**
     * A second process started on a run that is loading (a CronJob started twice, a second
     * terminal) is refused and sends nothing; it does not take the first one's execution for one a
     * killed process left behind, and the first one finishes its load.
     */
    @Test
    void aSecondProcessOnARunThatIsLoadingIsRefusedAndTheFirstFinishes() throws Exception {
        int leads = 600;
        String dbUrl = TestDatabase.freshSchemaUrl("ops_two_at_once");
        Path spec = LeadFiles.spec(dir, "twice", LeadFiles.csv(dir, "twice.csv", 40_000, leads),
                "load:\n  chunk-size: 20\n  in-flight: 2\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(latency(40));
            Path firstLog = dir.resolve("twice-first.log");
            Process first = LeadloaderProcess.run(dbUrl, sandbox, spec, firstLog, null, Map.of());
            try {
                awaitRecords(sandbox, first, 60);
                // Slow answers from here on, so that the first is still loading while the second starts.
                sandbox.setFaults(latency(2_000));
                assertThat(first.isAlive()).as("first run still loading; log:\n%s", Files.readString(firstLog)).isTrue();

                Path secondLog = dir.resolve("twice-second.log");
                String secondOut = runToTheEnd(dbUrl, sandbox, spec, secondLog, ExitCodes.FAILED_RESTARTABLE);
                assertThat(secondOut).contains("another leadloader process is loading this run now (execution 1")
                        .contains("nothing was sent").doesNotContain("recovering").doesNotContain("Exception");
                assertThat(first.isAlive()).as("the first run goes on").isTrue();

                sandbox.setFaults(Faults.none());
                assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
            } finally {
                first.destroyForcibly();
            }
            assertThat(first.exitValue()).as(Files.readString(firstLog)).isZero();
            assertThat(lastExecutionStatus(dbUrl)).isEqualTo("COMPLETED");
            assertThat(count(dbUrl, "select count(*) from batch_job_execution")).as("one execution").isEqualTo(1);
            CreatedOnce.assertEveryLead(dbUrl, sandbox, 40_000, leads);
        }
    }

    /**
     * The embedded database lives in the process that opened it first: a loader of another job
     * started beside it would lose its connections when the first ends. It is refused up front.
     */
    @Test
    void theEmbeddedDatabaseServesOneLoaderAtATime() throws Exception {
        int leads = 400;
        String dbUrl = "jdbc:h2:file:" + dir.resolve("one-loader").resolve("leadloader") + ";AUTO_SERVER=TRUE";
        Path first = LeadFiles.spec(dir, "loader-one", LeadFiles.csv(dir, "loader-one.csv", 60_000, leads),
                "load:\n  chunk-size: 20\n  in-flight: 2\n");
        Path other = LeadFiles.spec(dir, "loader-two", LeadFiles.csv(dir, "loader-two.csv", 70_000, 20), "");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(latency(40));
            Path firstLog = dir.resolve("loader-one.log");
            Process loading = LeadloaderProcess.run(dbUrl, sandbox, first, firstLog, null, Map.of());
            try {
                awaitRecords(sandbox, loading, 40);
                sandbox.setFaults(latency(2_000));
                assertThat(loading.isAlive()).as("first loader still loading; log:\n%s", Files.readString(firstLog)).isTrue();

                Path otherLog = dir.resolve("loader-two.log");
                String otherOut = runToTheEnd(dbUrl, sandbox, other, otherLog, ExitCodes.FAILED_RESTARTABLE);
                assertThat(otherOut).contains("serves one loader at a time").contains("nothing was sent")
                        .doesNotContain("Exception");
                assertThat(sandbox.store().countWhere("MobilePhone", "07400070000")).isZero();

                sandbox.setFaults(Faults.none());
                assertThat(loading.waitFor(3, TimeUnit.MINUTES)).isTrue();
            } finally {
                loading.destroyForcibly();
            }
            assertThat(loading.exitValue()).as(Files.readString(firstLog)).isZero();
            CreatedOnce.assertEveryLead(dbUrl, sandbox, 60_000, leads);
        }
    }

    @Test
    void aChunkThatOutlastsTheGraceDoesNotHoldTheProcessAndTheNextRunRecoversIt() throws Exception {
        int leads = 400;
        String dbUrl = TestDatabase.freshSchemaUrl("ops_stopped_grace");
        Path spec = LeadFiles.spec(dir, "grace", LeadFiles.csv(dir, "grace.csv", 50_000, leads),
                "load:\n  chunk-size: 20\n  in-flight: 2\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            Path firstLog = dir.resolve("grace-first.log");
            Process first = LeadloaderProcess.run(dbUrl, sandbox, spec, firstLog, null,
                    Map.of("LEADLOADER_SHUTDOWN_GRACE", "2s"));
            try {
                awaitRecords(sandbox, first, 100);
                // Every request now takes ten minutes: the chunk in flight cannot finish within the grace.
                sandbox.setFaults(latency(600_000));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> count(dbUrl, "select count(*) from lead_ledger where state = 'PENDING'") > 0
                                || !first.isAlive());
                assertThat(first.isAlive()).as("first run still loading; log:\n%s", Files.readString(firstLog)).isTrue();
                first.destroy(); // SIGTERM
                assertThat(first.waitFor(2, TimeUnit.MINUTES)).as("exited although the chunk never finished").isTrue();
            } finally {
                first.destroyForcibly();
            }
            String log = Files.readString(firstLog);
            assertThat(first.exitValue()).as(log).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(log).contains("did not stop within 2s");
            assertThat(lastExecutionStatus(dbUrl)).isIn("STOPPING", "STOPPED");

            sandbox.setFaults(Faults.none());
            Path secondLog = dir.resolve("grace-second.log");
            String secondOut = runToTheEnd(dbUrl, sandbox, spec, secondLog, ExitCodes.OK);
            // The first run's requests never answered: their leads were left pending, and the next run
            // settles them by marker before reading on (recovering the execution first if it was left
            // STOPPING rather than STOPPED).
            assertThat(secondOut).contains("an earlier execution left pending").contains("COMPLETED");
            assertThat(count(dbUrl, "select count(*) from lead_ledger where state = 'CREATED'")).isEqualTo(leads);
            assertThat(sandbox.store().recordCount()).as("records in ContactNow").isEqualTo(leads);
            for (int i = 50_000; i < 50_000 + leads; i++) {
                assertThat(sandbox.store().countWhere("MobilePhone", String.format("07400%06d", i)))
                        .as("lead %d", i).isEqualTo(1);
            }
        }
    }

    /** {@code leadloader run SPEC} in a process of its own, to its end: its output, once its exit code is {@code exit}. */
    private static String runToTheEnd(String dbUrl, SandboxServer sandbox, Path spec, Path log, int exit)
            throws Exception {
        return toTheEnd(LeadloaderProcess.run(dbUrl, sandbox, spec, log, null, Map.of()), log, exit);
    }

    /** A leadloader process writing to {@code log}, to its end: its output, once its exit code is {@code exit}. */
    private static String toTheEnd(Process process, Path log, int exit) throws Exception {
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(exit);
        return output;
    }

    /** Waits until the sandbox holds {@code records} records, or the loader has ended. */
    /**
     * A signal while the process is still starting (here: Flyway waiting on a lock the test holds on
     * its history table), before the graceful stop is armed: one sentence saying nothing was sent,
     * exit 4, and indeed nothing sent or recorded. The JVM's own handling ended it with 143 and no
     * word.
     */
    @Test
    void aSignalWhileStartingSaysNothingWasSentAndExitsRestartable() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("ops_starting");
        Path spec = LeadFiles.spec(dir, "starting", LeadFiles.csv(dir, "starting.csv", 30_000, 50), "");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            Map<String, String> env = LeadloaderProcess.environment(dbUrl, sandbox);
            Process migrate = LeadloaderProcess.start(env, dir.resolve("status.log"), "status");
            assertThat(migrate.waitFor(2, TimeUnit.MINUTES)).as("status (which migrates the schema) finished").isTrue();
            assertThat(migrate.exitValue()).as(Files.readString(dir.resolve("status.log"))).isZero();

            Path log = dir.resolve("starting.log");
            Process run;
            try (Connection lock = DriverManager.getConnection(dbUrl); Statement sql = lock.createStatement()) {
                lock.setAutoCommit(false);
                sql.execute("lock table flyway_schema_history in access exclusive mode");
                run = LeadloaderProcess.run(dbUrl, sandbox, spec, log, null, Map.of());
                try {
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() ->
                            !run.isAlive() || count(dbUrl, "select count(*) from pg_stat_activity where wait_event_type"
                                    + " = 'Lock' and query like '%flyway_schema_history%'") > 0);
                    assertThat(run.isAlive()).as("still starting, waiting on the lock; log:\n%s", Files.readString(log))
                            .isTrue();
                    run.destroy(); // SIGTERM
                    assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("ended").isTrue();
                } finally {
                    run.destroyForcibly();
                    lock.rollback();
                }
            }
            String output = Files.readString(log);
            assertThat(run.exitValue()).as(output).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(output).contains("leadloader: SIGTERM while starting: stopped before anything was sent;"
                    + " run the same command again").doesNotContain("Exception");
            assertThat(sandbox.store().recordCount()).isZero();
            assertThat(count(dbUrl, "select count(*) from lead_ledger")).isZero();
            assertThat(count(dbUrl, "select count(*) from batch_job_execution")).isZero();
        }
    }

    private static void awaitRecords(SandboxServer sandbox, Process loader, int records) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> sandbox.store().recordCount() >= records || !loader.isAlive());
    }

    /** Every request answered {@code millis} after it arrived, nothing else injected. */
    private static Faults latency(long millis) {
        return new Faults(millis, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 1);
    }

    private static String lastExecutionStatus(String dbUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "select status from batch_job_execution order by job_execution_id desc limit 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static long count(String dbUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
