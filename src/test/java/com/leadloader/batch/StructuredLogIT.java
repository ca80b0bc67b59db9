package com.leadloader.batch;

import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code LOGGING_STRUCTURED_FORMAT_CONSOLE} set, a run's whole output is JSON, one event a
 * line, each carrying the job name and the execution id, request threads' lines included.
 */
class StructuredLogIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void everyLineOfTheRunIsJsonWithTheJobAndExecution() throws Exception {
        String format = "ecs";
        String dbUrl = TestDatabase.freshSchemaUrl("ops_json_" + format);
        Path spec = LeadFiles.spec(dir, "json-" + format, LeadFiles.csv(dir, "json.csv", 30_000, 300),
                "load:\n  chunk-size: 10\n  in-flight: 2\n");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            // Some creates answer 5xx, so the request threads log their reconciliation.
            sandbox.setFaults(new Faults(0, 0.2, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 7));
            Path stdout = dir.resolve("out.json");
            Path stderr = dir.resolve("err.txt");
            Process run = LeadloaderProcess.run(dbUrl, sandbox, spec, stdout, stderr,
                    Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", format));
            assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String out = Files.readString(stdout);
            assertThat(run.exitValue()).as(out + Files.readString(stderr)).isZero();
            assertThat(sandbox.faults().failedBefore()).as("faults injected").isPositive();

            List<JsonNode> events = new ArrayList<>();
            for (String line : out.split("\n")) {
                assertThat(line).as("an empty line in the output").isNotBlank();
                events.add(JSON.readTree(line)); // throws on anything that is not JSON
            }
            assertThat(events).isNotEmpty().allSatisfy(event -> {
                assertThat(event.path("job").asString()).as(event.toString()).isEqualTo("json-" + format);
                assertThat(event.path("execution").asString()).as(event.toString()).isEqualTo("1");
            });
            assertThat(events).as("lines logged on the writer's request threads")
                    .anySatisfy(event -> assertThat(event.toString()).contains("contactnow-request")
                            .contains("may have been applied"));
            assertThat(events).as("the run's summary")
                    .anySatisfy(event -> assertThat(event.path("message").asString())
                            .startsWith("json-" + format + ": execution 1 COMPLETED"));
        }
    }
}
