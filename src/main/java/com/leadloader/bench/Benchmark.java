package com.leadloader.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the chosen scenarios one after another and collects their results; a scenario that fails
 * is reported as an error and the others still run. Generated files live in a work directory
 * (deleted afterwards unless the caller named it) and ledgers in a throwaway PostgreSQL schema.
 */
public final class Benchmark {

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        for (Scenario s : List.of(new ProcessingScenario(), new EndToEndScenario(), new ApiBoundScenario(),
                new XlsxMemoryScenario(), new SandboxScenario())) {
            SCENARIOS.put(s.name(), s);
        }
    }

    /**
     * @param rows     rows of the full-size scenarios
     * @param dbUrl    PostgreSQL for the ledger of the scenarios that load; may be null if none of them runs
     * @param workDir  where to generate files, or null for a temporary directory removed at the end
     * @param heapCap  {@code -Xmx} of the child loaders
     */
    public record Options(long rows, List<String> scenarios, String dbUrl, Path workDir, String heapCap) {
    }

    private Benchmark() {
    }

    /** Every scenario's name, in the order they run. */
    public static List<String> scenarioNames() {
        return List.copyOf(SCENARIOS.keySet());
    }

    /** Whether the named scenario loads through a PostgreSQL ledger. */
    public static boolean needsDatabase(String scenario) {
        return SCENARIOS.get(scenario).needsDatabase();
    }

    public static List<ScenarioResult> run(Options options, PrintWriter progress) throws Exception {
        boolean database = options.scenarios().stream().anyMatch(Benchmark::needsDatabase);
        Path dir = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("leadloader-bench");
        LedgerSchema ledger = database ? LedgerSchema.create(options.dbUrl()) : null;
        try {
            boolean children = options.scenarios().stream().anyMatch(name -> SCENARIOS.get(name).startsChildJvms());
            List<String> launch = !children ? List.of() : ChildJvm.launch(dir, message -> {
                progress.println("bench: " + message);
                progress.flush();
            });
            BenchRun run = new BenchRun(options.rows(), new BenchFiles(dir), ledger, options.heapCap(), launch, progress);
            if (ledger != null) {
                run.say("ledger in schema %s (dropped at the end); files in %s", ledger.name(), dir);
            }
            if (!launch.isEmpty() && launch.get(0).equals("-jar")) {
                run.say("child JVMs run java [options] -jar %s", launch.get(1));
            }
            List<ScenarioResult> results = new ArrayList<>();
            for (String name : options.scenarios()) {
                try {
                    results.addAll(SCENARIOS.get(name).run(run));
                } catch (Exception | OutOfMemoryError e) {
                    results.add(ScenarioResult.failed(name, e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
            return results;
        } finally {
            if (ledger != null) {
                ledger.close();
            }
            if (options.workDir() == null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
