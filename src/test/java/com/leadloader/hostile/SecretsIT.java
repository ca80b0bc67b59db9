package com.leadloader.hostile;

import com.leadloader.testing.SandboxSpecs;
import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets stay secret under stress: a load through a faulty sandbox whose tokens live two seconds,
 * logged at DEBUG, then its report; neither the API password nor any token the sandbox issued may
 * appear in the output or in the report files. Wrong credentials are refused without echoing them.
 */
class SecretsIT {

    private static final String PASSWORD = "Zq7-SECRET-pw-4f9d1c";

    @TempDir
    Path dir;

    @Test
    void neitherThePasswordNorAnyTokenAppearsInLogsOrReports() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("hostile_secrets");
        Path csv = Files.writeString(dir.resolve("leads.csv"), leads(200));
        Path spec = spec(csv);
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0).withTokenTtlSeconds(2))) {
            sandbox.store().setPassword("sandbox", PASSWORD);
            sandbox.setFaults(new Faults(20, 0.10, 0.05, LostResponseMode.DROP_CONNECTION, 0.03, 2, 0, 7));
            // Besides the short lifetime, every 40 records the sandbox forgets its tokens: refreshes
            // happen however fast the load runs.
            sandbox.store().revokeTokensEvery(40);
            Map<String, String> env = new HashMap<>(LeadloaderProcess.environment(dbUrl, sandbox.baseUrl(),
                    "sandbox", PASSWORD));
            env.put("CONTACTNOW_TOKEN_REFRESH_MARGIN", "500ms");
            // Everything leadloader and OkHttp would ever log.
            env.put("LOGGING_LEVEL_COM_LEADLOADER", "TRACE");
            env.put("LOGGING_LEVEL_OKHTTP3", "TRACE");
            env.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BATCH", "DEBUG");

            Path log = dir.resolve("leadloader.log");
            Process run = LeadloaderProcess.start(env, log, "run", spec.toString());
            assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(log);
            assertThat(run.exitValue()).as(output).isZero();
            Matcher execution = Pattern.compile("secrets: execution (\\d+)").matcher(output);
            assertThat(execution.find()).as(output).isTrue();

            Path reportDir = dir.resolve("report");
            Process report = LeadloaderProcess.start(env, log, "report", execution.group(1), "--out", reportDir.toString());
            assertThat(report.waitFor(2, TimeUnit.MINUTES)).isTrue();
            Process status = LeadloaderProcess.start(env, log, "status");
            assertThat(status.waitFor(2, TimeUnit.MINUTES)).isTrue();

            Set<String> tokens = sandbox.store().issuedTokens();
            assertThat(tokens).as("tokens issued (revoked every 40 records, so refreshed)").hasSizeGreaterThan(2);
            assertThat(sandbox.faults().failedBefore() + sandbox.faults().lostAfter() + sandbox.faults().resets())
                    .as("faults injected").isPositive();
            assertThat(Files.readString(log)).as("the run's log").contains("DEBUG").contains("created");
            assertNoSecret(log, tokens);
            try (Stream<Path> files = Files.list(reportDir)) {
                List<Path> written = files.toList();
                assertThat(written).hasSize(2);
                for (Path file : written) {
                    assertNoSecret(file, tokens);
                }
            }
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithoutEchoingThePassword() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("hostile_secrets_wrong");
        Path spec = spec(Files.writeString(dir.resolve("leads.csv"), leads(5)));
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            sandbox.store().setPassword("sandbox", PASSWORD);
            String wrong = "Wr0ng-" + PASSWORD;
            Map<String, String> env = new HashMap<>(LeadloaderProcess.environment(dbUrl, sandbox.baseUrl(), "sandbox", wrong));
            env.put("LOGGING_LEVEL_COM_LEADLOADER", "TRACE");
            Path log = dir.resolve("wrong.log");
            Process run = LeadloaderProcess.start(env, log, "run", spec.toString());
            assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(log);
            assertThat(run.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("refused the credentials").contains("CONTACTNOW_PASSWORD")
                    .doesNotContain(wrong).doesNotContain(PASSWORD);
            assertThat(sandbox.store().recordCount()).isZero();
        }
    }

    private static void assertNoSecret(Path file, Set<String> tokens) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("%s holds the password", file).doesNotContain(PASSWORD);
        for (String token : tokens) {
            assertThat(text).as("%s holds a token", file).doesNotContain(token);
        }
    }

    private static String leads(int rows) {
        StringBuilder csv = new StringBuilder("first_name,last_name,mobile\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Name").append(i).append(",Surname,").append(String.format("07400 %06d", i)).append('\n');
        }
        csv.append("Bad,Row,12345\n");
        return csv.toString();
    }

    private Path spec(Path csv) throws IOException {
        return SandboxSpecs.write(dir, "secrets", csv, """
                load:
                  chunk-size: 10
                  in-flight: 3
                  max-attempts: 10
                """);
    }
}
