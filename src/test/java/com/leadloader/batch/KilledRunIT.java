package com.leadloader.batch;

import com.leadloader.cli.ExitCodes;
import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * A load killed with SIGKILL in the middle, in a real separate process, and run again with the
 * same command: every lead ends created exactly once and none is lost.
 */
class KilledRunIT {

    private static final int LEADS = 3000;

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidLoadResumesAndCreatesEachLeadExactlyOnce() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("load_killed");
        Path spec = LeadFiles.spec(dir, "killed", LeadFiles.csv(dir, "killed.csv", 10_000, LEADS),
                "load:\n  chunk-size: 25\n  in-flight: 2\n");
        // Latency keeps the first run going long enough to be killed with requests in flight.
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(new Faults(40, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 1));

            Path firstLog = dir.resolve("first.log");
            killWhereAResponseIsLost(leadloader(dbUrl, sandbox, spec, firstLog), firstLog, 500, dbUrl, sandbox);
            int createdBeforeKill = sandbox.store().recordCount();
            assertThat(createdBeforeKill).isLessThan(LEADS);
            assertThat(createdButPending(dbUrl, sandbox)).as("leads created but not yet recorded at the kill")
                    .isPositive();

            sandbox.setFaults(Faults.none());
            Process second = leadloader(dbUrl, sandbox, spec, dir.resolve("second.log"));
            assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String secondLog = Files.readString(dir.resolve("second.log"));
            assertThat(second.exitValue()).as(secondLog).isZero();
            assertThat(secondLog).contains("recovering it to restart it").contains("COMPLETED");

            CreatedOnce.assertEveryLead(dbUrl, sandbox, 10_000, LEADS);
        }
    }

    @Test
    void aRerunKilledMidWayIsFinishedByTheNextRerunWithEachLeadCreatedOnce() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("rerun_killed");
        int leads = 60;
        Path spec = LeadFiles.spec(dir, "rerun-killed", LeadFiles.csv(dir, "rerun-killed.csv", 20_000, leads),
                "load:\n  chunk-size: 10\n  in-flight: 1\n  max-attempts: 2\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(new Faults(0, 1.0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 3));
            Process failing = leadloader(dbUrl, sandbox, spec, dir.resolve("failing.log"));
            assertThat(failing.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(failing.exitValue()).as(Files.readString(dir.resolve("failing.log"))).isEqualTo(ExitCodes.LEADS_FAILED);
            assertThat(sandbox.store().recordCount()).isZero();

            sandbox.setFaults(new Faults(40, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 1));
            Map<String, String> env = LeadloaderProcess.environment(dbUrl, sandbox);
            Path rerunLog = dir.resolve("rerun.log");
            killWhereAResponseIsLost(LeadloaderProcess.start(env, rerunLog, "rerun-failed", "1"), rerunLog, 20,
                    dbUrl, sandbox);
            assertThat(sandbox.store().recordCount()).isLessThan(leads);

            sandbox.setFaults(Faults.none());
            Process again = LeadloaderProcess.start(env, dir.resolve("again.log"), "rerun-failed", "1");
            assertThat(again.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String againLog = Files.readString(dir.resolve("again.log"));
            assertThat(again.exitValue()).as(againLog).isZero();
            assertThat(againLog).containsPattern("settled \\d+ leads an earlier execution left pending").contains("recovering it");

            CreatedOnce.assertEveryLead(dbUrl, sandbox, 20_000, leads);
            try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select status from batch_job_execution where job_execution_id = 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("the killed rerun, no longer shown as running").isEqualTo("FAILED");
            }
        }
    }

    /**
     * Lets {@code process} create {@code records} records, then makes every request wait a minute in
     * the sandbox before it is answered, so that the process stops where a lost response leaves it:
     * records in ContactNow whose ledger rows are still pending. Kills it there with SIGKILL.
     */
    private static void killWhereAResponseIsLost(Process process, Path log, int records, String dbUrl,
                                                 SandboxServer sandbox) throws Exception {
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> sandbox.store().recordCount() >= records || !process.isAlive());
            sandbox.setFaults(new Faults(60_000, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 1));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> createdButPending(dbUrl, sandbox) > 0 || !process.isAlive());
            assertThat(process.isAlive()).as("still sending when killed; log:\n%s", Files.readString(log)).isTrue();
        } finally {
            process.destroyForcibly(); // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Pending ledger rows whose lead is already a record in the sandbox. */
    private static long createdButPending(String dbUrl, SandboxServer sandbox) throws Exception {
        long n = 0;
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select marker from lead_ledger where state = 'PENDING'")) {
            while (rs.next()) {
                if (sandbox.store().countWhere("VENDOR_URN", rs.getString(1)) > 0) {
                    n++;
                }
            }
        } catch (java.sql.SQLException e) {
            return 0; // the schema is not migrated yet
        }
        return n;
    }

    private static Process leadloader(String dbUrl, SandboxServer sandbox, Path spec, Path log) throws Exception {
        return LeadloaderProcess.run(dbUrl, sandbox, spec, log, null, Map.of());
    }
}
