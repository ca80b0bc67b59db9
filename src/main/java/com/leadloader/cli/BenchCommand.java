package com.leadloader.cli;

import com.leadloader.bench.BenchReport;
import com.leadloader.bench.Benchmark;
import com.leadloader.bench.ScenarioResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadloader bench}: measures the pipeline against its limits and prints a table and JSON lines. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Measures leadloader's speed and memory on generated leads.",
                "Scenarios: processing against a bare CSV parse, a load end to end under a 256 MB"
                        + " heap, API-bound loads against a slow sandbox, a large .xlsx under the heap cap,"
                        + " and the sandbox alone. See docs/benchmark.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario ran (a missed target is reported, not an error)",
                "1:a scenario could not run; the table says why", "2:wrong options, or no PostgreSQL for a load scenario"})
public class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "rows of the full-size scenarios (default: ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "run only these (repeatable): processing, end-to-end, api-bound, xlsx-memory, sandbox")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--json", description = "print only one JSON line per result, no table")
    boolean json;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL for the ledgers of end-to-end and api-bound (default: $LEADLOADER_DB_URL);"
                    + " they use a schema of their own, dropped at the end")
    String dbUrl;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "keep the generated files and child logs here")
    Path workDir;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "256m", description = "-Xmx of the child loaders (default: ${DEFAULT-VALUE})")
    String heap;

    @Override
    public Integer call() throws Exception {
        if (rows < 1) {
            throw new UserError("bench: --rows must be at least 1, not " + rows);
        }
        List<String> chosen = new ArrayList<>();
        for (String name : scenarios.isEmpty() ? Benchmark.scenarioNames() : scenarios) {
            String n = name.toLowerCase(Locale.ROOT);
            if (!Benchmark.scenarioNames().contains(n)) {
                throw new UserError("bench: --scenario " + name + ": no such scenario (choose from "
                        + String.join(", ", Benchmark.scenarioNames()) + ")");
            }
            if (!chosen.contains(n)) {
                chosen.add(n);
            }
        }
        String url = dbUrl != null ? dbUrl : System.getenv("LEADLOADER_DB_URL");
        List<String> needDb = chosen.stream().filter(Benchmark::needsDatabase).toList();
        if (!needDb.isEmpty() && (url == null || url.isBlank())) {
            throw new UserError("bench: " + String.join(" and ", needDb) + " load through a PostgreSQL ledger:"
                    + " pass --db-url jdbc:postgresql://HOST:5432/DB?user=... or set LEADLOADER_DB_URL,"
                    + " or leave them out with --scenario");
        }
        if (!needDb.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
            throw new UserError("bench: " + String.join(" and ", needDb) + " measure the ledger on PostgreSQL;"
                    + " --db-url must be a jdbc:postgresql: URL");
        }
        PrintWriter out = command.commandLine().getOut();
        List<ScenarioResult> results;
        try {
            results = Benchmark.run(new Benchmark.Options(rows, chosen, url, workDir, heap), command.commandLine().getErr());
        } catch (java.sql.SQLException e) {
            throw new UserError("bench: cannot prepare a schema on " + redacted(url) + ": " + e.getMessage());
        }
        if (!json) {
            BenchReport.table(out, results);
            out.println();
        }
        results.forEach(r -> out.println(BenchReport.json(r)));
        out.flush();
        boolean errors = results.stream().anyMatch(r -> r.error() != null);
        return errors ? ExitCodes.INTERNAL_ERROR : ExitCodes.OK;
    }

    /** The URL without its query, which may hold a password. */
    private static String redacted(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
