package com.leadloader.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.leadloader.cli.LeadloaderCommand;
import com.leadloader.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every benchmark scenario at a small size, for real: child loader JVMs under the heap cap, a
 * sandbox process, the ledger on PostgreSQL. Asserts that each completes and reports numbers that
 * make sense (counts, heap under the cap, never above the API's limit), never how fast it was.
 */
class BenchCommandIT {

    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    @Test
    void everyScenarioRunsAtASmallSizeAndReportsSaneNumbers() throws Exception {
        String dbUrl = TestDatabase.baseUrl();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LeadloaderCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "--rows", Integer.toString(ROWS), "--db-url", dbUrl,
                "--work-dir", dir.toString());

        assertThat(exit).as("stdout:\n%s\nstderr:\n%s", out, err).isZero();
        Map<String, JsonNode> results = new java.util.LinkedHashMap<>();
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode json = JsonMapper.builder().build().readTree(line);
                results.put(json.get("scenario").asString(), json);
            }
        }
        assertThat(results.keySet()).containsExactly("processing", "end-to-end", "api-bound c200x4",
                "api-bound c50x4", "api-bound c500x4", "api-bound c200x1", "api-bound c200x8", "xlsx-memory", "sandbox");
        assertThat(out.toString()).contains("scenario").contains("rows/s").contains("peak heap");
        for (JsonNode r : results.values()) {
            assertThat(r.has("error")).as(r.toString()).isFalse();
            assertThat(r.get("rows").asLong()).as(r.toString()).isEqualTo(ROWS);
            assertThat(r.get("seconds").asDouble()).as(r.toString()).isPositive();
            // seconds is printed to the millisecond: allow for that rounding, however short the run.
            double seconds = r.get("seconds").asDouble();
            assertThat(r.get("rowsPerSecond").asDouble()).as(r.toString())
                    .isBetween(ROWS / (seconds + 0.0005) * 0.99, ROWS / Math.max(seconds - 0.0005, 1e-4) * 1.01);
        }

        JsonNode processing = results.get("processing");
        assertThat(processing.get("limitRowsPerSecond").asDouble()).isPositive();
        assertThat(processing.get("ratioToLimit").asDouble()).isPositive();
        assertThat(processing.get("pass").isBoolean()).isTrue();
        assertThat(processing.get("note").asText()).startsWith("fastest of 3 passes (");

        for (String child : List.of("end-to-end", "api-bound c200x4", "xlsx-memory")) {
            assertThat(results.get(child).get("peakHeapMB").asDouble()).as(child).isBetween(1.0, 256.0);
        }
        assertThat(results.get("xlsx-memory").get("pass").asBoolean()).isTrue();

        Map<String, Double> limits = Map.of("api-bound c200x4", 8000.0, "api-bound c50x4", 2000.0,
                "api-bound c500x4", 20000.0, "api-bound c200x1", 2000.0, "api-bound c200x8", 16000.0);
        for (Map.Entry<String, Double> e : limits.entrySet()) {
            JsonNode r = results.get(e.getKey());
            assertThat(r.get("limitRowsPerSecond").asDouble()).isEqualTo(e.getValue());
            // 100 ms a request: no run can beat in-flight x chunk / 0.1 s.
            assertThat(r.get("ratioToLimit").asDouble()).as(e.getKey()).isPositive().isLessThanOrEqualTo(1.0);
        }
        // the wall time outside the load, split at the load step's start and the job's end
        assertThat(results.get("end-to-end").get("note").asText())
                .containsPattern("^load [0-9.]+ s = [0-9,]+/s, [0-9.]+ s before it, [0-9.]+ s after it; ");
        assertThat(results.get("api-bound c200x4").get("pass").isBoolean()).isTrue();
        assertThat(results.get("api-bound c50x4").get("pass").isNull()).isTrue();

        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                .contains("leads-2000-clean.csv", "leads-2000-mixed.csv", "leads-2000-mixed.xlsx", "bench-end-to-end.log",
                        "bench-api-warm-up.log");
        assertThat(benchSchemasLeft(dbUrl)).as("the bench drops its ledger schema").isEmpty();
    }

    /**
     * Run from the packaged jar, as the README says, the bench extracts it once and starts its child
     * JVMs from the extracted jar: the application's classes unpacked, as the container image runs
     * them, not loaded from jars nested in a jar.
     */
    @Test
    void fromThePackagedJarChildJvmsRunTheExtractedJar() throws Exception {
        Path jar = Path.of("target", "leadloader.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (./mvnw verify packages it before the integration tests)").isRegularFile();
        Path log = dir.resolve("bench.out");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "bench", "--scenario", "end-to-end", "--rows", "500", "--json",
                "--db-url", TestDatabase.baseUrl(), "--work-dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(bench.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("bench finished").isTrue();

        String output = Files.readString(log);
        assertThat(bench.exitValue()).as(output).isZero();
        Path extracted = dir.resolve("app").resolve("leadloader.jar");
        assertThat(output).contains("bench: child JVMs run java [options] -jar " + extracted)
                .contains("\"scenario\":\"end-to-end\"").doesNotContain("\"error\"");
        assertThat(extracted).isRegularFile();
        assertThat(dir.resolve("app").resolve("lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("spring-batch-core"));
        assertThat(Files.readString(dir.resolve("bench-end-to-end.log"))).contains("execution 1 COMPLETED");
    }

    private static List<String> benchSchemasLeft(String dbUrl) throws Exception {
        List<String> schemas = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl);
             ResultSet rs = c.createStatement().executeQuery("select schema_name from information_schema.schemata"
                     + " where schema_name like 'leadloader_bench_" + ProcessHandle.current().pid() + "_%'")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }
}
