package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadloader.cli.ExitCodes;
import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.LeadloaderProcess;
import com.leadloader.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ContactNow going away in the middle of a load, in a real separate process: the run stops with
 * exit 4, and what the user reads is the run's summary and one sentence saying why, not the stack
 * traces Spring Batch logs of the failed chunk or job.
 */
class ApiUnreachableIT {

    private static final int LEADS = 400;

    @TempDir
    Path dir;

    @Test
    void contactNowGoneMidRunEndsInTheSummaryAndOneSentenceWithoutStackTraces() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("api_unreachable");
        // 20 requests of 20 leads: fewer than one group of key reads (25 requests), so every request
        // ContactNow answered before it went away is acknowledged with its keys still unread.
        Path spec = LeadFiles.spec(dir, "unreachable", LeadFiles.csv(dir, "unreachable.csv", 80_000, LEADS),
                "load:\n  chunk-size: 20\n  in-flight: 2\n  max-attempts: 2\n");
        Path firstLog = dir.resolve("unreachable-first.log");
        Process first;
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.setFaults(latency(100));
            first = LeadloaderProcess.run(dbUrl, sandbox, spec, firstLog, null, Map.of());
            try {
                Process loading = first;
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                        .until(() -> sandbox.store().recordCount() >= 60 || !loading.isAlive());
                assertThat(first.isAlive()).as("still loading; log:\n%s", Files.readString(firstLog)).isTrue();
                sandbox.close(); // connections refused from here on
                assertThat(first.waitFor(3, TimeUnit.MINUTES)).as("ended").isTrue();
            } finally {
                first.destroyForcibly();
            }
        }
        String log = Files.readString(firstLog);
        assertThat(first.exitValue()).as(log).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
        assertThat(log).contains("unreachable: execution 1 FAILED").contains("  pending ")
                .contains("run failed: ").contains("nothing is lost: run the same command again to resume it");
        assertNoStackTrace(log);

        // A fresh, empty ContactNow: the leads it had acknowledged cannot be read back from it.
        Path secondLog = dir.resolve("unreachable-second.log");
        try (SandboxServer empty = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            Process second = LeadloaderProcess.run(dbUrl, empty, spec, secondLog, null, Map.of());
            try {
                assertThat(second.waitFor(3, TimeUnit.MINUTES)).as("ended").isTrue();
            } finally {
                second.destroyForcibly();
            }
            String secondOut = Files.readString(secondLog);
            assertThat(second.exitValue()).as(secondOut).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(secondOut).contains("cannot be read back by marker").contains("execution 2 FAILED")
                    .contains("nothing is lost");
            assertNoStackTrace(secondOut);
        }
    }

    /** What a stack trace, Spring Batch's or leadloader's, would have put in the output. */
    private static void assertNoStackTrace(String output) {
        assertThat(output).doesNotContain("\tat ").doesNotContain("Caused by:").doesNotContain("Rolling back")
                .doesNotContain("Encountered").doesNotContain("common frames omitted");
    }

    private static Faults latency(long millis) {
        return new Faults(millis, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 1);
    }
}
