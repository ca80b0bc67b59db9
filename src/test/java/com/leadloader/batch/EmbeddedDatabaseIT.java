package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadloader.cli.ExitCodes;
import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.EmbeddedDatabaseHolder;
import com.leadloader.testing.LeadloaderProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database is served by the process that opened it first, and goes with it. A
 * load, in a real separate process, therefore only ever runs in the process that serves it: it
 * waits for a status or report that has it open, and is refused while another process loads.
 */
class EmbeddedDatabaseIT {

    private static final String REFUSED = "another leadloader process is loading into the embedded database now,"
            + " and it serves one loader at a time; nothing was sent";

    @TempDir
    Path dir;

    private String dbUrl() {
        return "jdbc:h2:file:" + dir.resolve("data").resolve("leadloader") + ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0";
    }

    @Test
    void aLoadStartedWhileAnotherProcessHasTheDatabaseOpenWaitsForItAndThenServesItItself() throws Exception {
        int leads = 200;
        Path spec = LeadFiles.spec(dir, "after-report", LeadFiles.csv(dir, "after-report.csv", 90_000, leads),
                "load:\n  chunk-size: 20\n  in-flight: 2\n");
        Process holder = holder(false);
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            Path log = dir.resolve("after-report.log");
            Process loader = LeadloaderProcess.run(dbUrl(), sandbox, spec, log, null, Map.of());
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Files.readString(log).contains("waiting up to 20 s for it to end")
                                || sandbox.store().recordCount() > 0 || !loader.isAlive());
                assertThat(sandbox.store().recordCount()).as("nothing sent while another process serves the"
                        + " database; log:\n%s", Files.readString(log)).isZero();
                assertThat(loader.isAlive()).as(Files.readString(log)).isTrue();

                holder.getOutputStream().close(); // the report ends, and its database with it
                assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
                assertThat(loader.waitFor(3, TimeUnit.MINUTES)).as("ended").isTrue();
            } finally {
                loader.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(loader.exitValue()).as(output).isZero();
            assertThat(output).contains("after-report: execution 1 COMPLETED").doesNotContain("Exception");
            CreatedOnce.assertEveryLead(dbUrl(), sandbox, 90_000, leads);
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aLoadIsRefusedAtOnceWhileTheProcessServingTheDatabaseLoads() throws Exception {
        Path spec = LeadFiles.spec(dir, "beside", LeadFiles.csv(dir, "beside.csv", 91_000, 20), "");
        Process holder = holder(true);
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            Path log = dir.resolve("beside.log");
            Process loader = LeadloaderProcess.run(dbUrl(), sandbox, spec, log, null, Map.of());
            try {
                assertThat(loader.waitFor(2, TimeUnit.MINUTES)).as("ended").isTrue();
            } finally {
                loader.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(loader.exitValue()).as(output).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(output).contains("beside: " + REFUSED).doesNotContain("waiting up to")
                    .doesNotContain("Exception");
            assertThat(sandbox.store().recordCount()).isZero();
        } finally {
            holder.getOutputStream().close();
            holder.destroyForcibly();
        }
    }

    /**
     * Started at the same moment, in any order of events: one loads, in the process that serves the
     * database, and the other is refused with the same sentence as when it starts later.
     */
    @Test
    void twoLoadersStartedAtTheSameMomentOneLoadsAndTheOtherIsRefused() throws Exception {
        int leads = 200;
        Path one = LeadFiles.spec(dir, "together-one", LeadFiles.csv(dir, "together-one.csv", 92_000, leads),
                "load:\n  chunk-size: 10\n  in-flight: 1\n");
        Path two = LeadFiles.spec(dir, "together-two", LeadFiles.csv(dir, "together-two.csv", 93_000, leads),
                "load:\n  chunk-size: 10\n  in-flight: 1\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            // Slow answers: whichever loads cannot finish before the other has been refused.
            sandbox.setFaults(latency(2_000));
            Path oneLog = dir.resolve("together-one.log");
            Path twoLog = dir.resolve("together-two.log");
            Process first = LeadloaderProcess.run(dbUrl(), sandbox, one, oneLog, null, Map.of());
            Process second = LeadloaderProcess.run(dbUrl(), sandbox, two, twoLog, null, Map.of());
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !first.isAlive() || !second.isAlive());
                sandbox.setFaults(Faults.none());
                assertThat(first.waitFor(3, TimeUnit.MINUTES) && second.waitFor(3, TimeUnit.MINUTES)).isTrue();
            } finally {
                first.destroyForcibly();
                second.destroyForcibly();
            }
            List<String> outputs = List.of(Files.readString(oneLog), Files.readString(twoLog));
            boolean oneLoaded = first.exitValue() == 0;
            String loaded = outputs.get(oneLoaded ? 0 : 1);
            String refused = outputs.get(oneLoaded ? 1 : 0);
            assertThat(List.of(first.exitValue(), second.exitValue())).as("exit codes; outputs:\n%s", outputs)
                    .containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.FAILED_RESTARTABLE);
            assertThat(refused).contains(REFUSED).doesNotContain("Exception").doesNotContain("null");
            assertThat(loaded).contains("COMPLETED").doesNotContain("Exception");
            CreatedOnce.assertEveryLead(dbUrl(), sandbox, oneLoaded ? 92_000 : 93_000, leads);
        }
    }

    /** A holder of the database, once it serves it. */
    private Process holder(boolean loading) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve(loading ? "holder-loading.log" : "holder.log");
        Process holder = EmbeddedDatabaseHolder.start(dbUrl(), loading, log);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.readString(log).contains("holder: serving the database") || !holder.isAlive());
        assertThat(holder.isAlive()).as(Files.readString(log)).isTrue();
        return holder;
    }

    private static Faults latency(long millis) {
        return new Faults(millis, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 1);
    }
}
