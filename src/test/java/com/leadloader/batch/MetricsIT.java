package com.leadloader.batch;

import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code leadloader run} pushes its metrics to a Pushgateway (here an HTTP server in the
 * test that records what it is sent) when it ends, with the counts the ledger has; and the
 * shipped Grafana dashboard queries only metrics that the run exports.
 */
class MetricsIT {

    private static final String SPEC = "metrics";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    @TempDir
    static Path dir;

    record Push(String method, String path, String body) {
    }

    private static final List<Push> pushes = new CopyOnWriteArrayList<>();
    private static long failedBefore;
    private static Push last;

    @BeforeAll
    static void loadWithAPushgateway() throws Exception {
        HttpServer pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushgateway.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pushgateway.start();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            String dbUrl = TestDatabase.freshSchemaUrl("ops_metrics");
            Path csv = LeadFiles.csv(dir, "metrics.csv", 40_000, 200);
            Files.writeString(csv, String.join("\n",
                    "90001,Bad1,Sur,07911 ABC123,SW1A 1AA",
                    "90002,Bad2,Sur,n/a,SW1A 1AA",
                    "90003,Bad3,Sur,,SW1A 1AA",
                    "90004,Dup1,Sur,07400 040000,SW1A 1AA",
                    "90005,Dup2,Sur,07400 040001,SW1A 1AA") + "\n", java.nio.file.StandardOpenOption.APPEND);
            Path spec = LeadFiles.spec(dir, SPEC, csv, "load:\n  chunk-size: 10\n  in-flight: 2\n");
            sandbox.setFaults(new Faults(0, 0.1, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 3));
            Path log = dir.resolve("run.log");
            Process run = LeadloaderProcess.run(dbUrl, sandbox, spec, log, null, Map.of(
                    "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true",
                    "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS",
                    "127.0.0.1:" + pushgateway.getAddress().getPort()));
            assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(run.exitValue()).as(Files.readString(log)).isZero();
            failedBefore = sandbox.faults().failedBefore();
        } finally {
            pushgateway.stop(0);
        }
        assertThat(pushes).as("requests to the pushgateway").isNotEmpty();
        last = pushes.get(pushes.size() - 1);
    }

    @Test
    void theRunPushesItsCountsToItsSpecsGroupWhenItEnds() {
        assertThat(last.method()).isEqualTo("PUT");
        assertThat(last.path()).isEqualTo("/metrics/job/leadloader/spec/" + SPEC);
        Map<String, Double> samples = samples(last.body());
        assertThat(samples).containsEntry("leadloader_leads_total{outcome=\"created\"}", 200.0)
                .containsEntry("leadloader_leads_total{outcome=\"bad\"}", 3.0)
                .containsEntry("leadloader_leads_total{outcome=\"duplicate\"}", 2.0)
                .containsEntry("leadloader_leads_total{outcome=\"suppressed\"}", 0.0)
                .containsEntry("leadloader_leads_total{outcome=\"failed\"}", 0.0)
                .containsEntry("leadloader_rows_read_total", 205.0)
                .containsEntry("leadloader_run_exit_code", 0.0);
        double createErrors = sum(samples, "leadloader_api_requests_seconds_count{operation=\"create\",outcome=\"ambiguous\"}")
                + sum(samples, "leadloader_api_requests_seconds_count{operation=\"create\",outcome=\"not_sent\"}");
        assertThat(createErrors).as("create requests that failed (5xx from the sandbox)")
                .isPositive().isLessThanOrEqualTo((double) failedBefore);
        assertThat(samples.get("leadloader_retries_total")).as("each failed create retried once").isEqualTo(createErrors);
        assertThat(samples.get("leadloader_api_requests_seconds_count{operation=\"create\",outcome=\"ok\"}"))
                .as("create requests answered").isGreaterThanOrEqualTo(20.0);
        assertThat(samples.get("leadloader_chunk_duration_seconds_count")).isPositive();
        assertThat(samples.keySet()).as("Spring Batch's own meters")
                .anyMatch(key -> key.startsWith("spring_batch_step_seconds_count"))
                .anyMatch(key -> key.startsWith("spring_batch_chunk_write_seconds_count"))
                .as("no per-item timers: they cost the step a tenth of its time")
                .noneMatch(key -> key.startsWith("spring_batch_item_"));
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheRunExports() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("k8s/grafana/leadloader-dashboard.json")));
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asString()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                queries.add(variable.path("query").path("query").asString());
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(8);
        Set<String> exported = new TreeSet<>();
        samples(last.body()).keySet().forEach(key -> exported.add(key.replaceAll("\\{.*", "")));
        Pattern selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{|label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
        for (String query : queries) {
            Matcher m = selector.matcher(query);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            assertThat(names).as("metrics in %s", query).isNotEmpty();
            assertThat(exported).as("exported metrics, for %s", query).containsAll(names);
        }
    }

    /** Samples of a Prometheus text exposition, keyed by name and labels as written. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    private static double sum(Map<String, Double> samples, String key) {
        return samples.getOrDefault(key, 0.0);
    }
}
