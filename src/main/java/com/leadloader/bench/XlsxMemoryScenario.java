package com.leadloader.bench;

import com.leadloader.cli.ExitCodes;
import com.leadloader.generate.LeadGenerator.Format;
import com.leadloader.generate.LeadGenerator.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: a generated .xlsx of N rows (at most a sheet's 1,048,575) through the whole of
 * processing with {@code leadloader validate} in a child JVM under the heap cap: stream the
 * workbook, map, normalise, validate, suppress, dedupe, check prior loads; nothing sent. The
 * target is to finish under the cap; the rate is for information.
 */
final class XlsxMemoryScenario implements Scenario {

    static final long MAX_XLSX_ROWS = 1_048_575;

    @Override
    public String name() {
        return "xlsx-memory";
    }

    @Override
    public boolean needsDatabase() {
        return false;
    }

    @Override
    public boolean startsChildJvms() {
        return true;
    }

    @Override
    public List<ScenarioResult> run(BenchRun run) throws Exception {
        long rows = Math.min(run.rows(), MAX_XLSX_ROWS);
        run.say("xlsx-memory: generating a %,d-row workbook", rows);
        Summary leads = run.files().leads(rows, Format.XLSX, BenchFiles.MIXED);
        // The spec's own in-process sandbox answers the campaign checks; it holds no records.
        Path spec = run.files().spec("bench-xlsx-memory", leads, true, "run", 200, 4);
        run.say("xlsx-memory: leadloader validate with -Xmx%s", run.heapCap());
        ChildJvm.Result result = ChildJvm.run(run.launch(), run.heapCap(), List.of("validate", spec.toString()),
                Map.of("LEADLOADER_DB_URL", "jdbc:h2:mem:bench"), run.files().dir(), "bench-xlsx-memory", 60);
        if (result.exitCode() != ExitCodes.OK) {
            throw new IllegalStateException("leadloader validate exited " + result.exitCode() + ": "
                    + BenchRun.tail(result.output()));
        }
        long processed = BenchRun.count(result.output(), "rows");
        long wouldLoad = BenchRun.count(result.output(), "would load");
        if (processed != rows || wouldLoad != leads.good()) {
            throw new IllegalStateException("validate counted " + processed + " rows, " + wouldLoad
                    + " to load; the workbook has " + rows + " rows, " + leads.good() + " good");
        }
        return List.of(new ScenarioResult("xlsx-memory", rows, result.seconds(), result.heap().peakBytes(), 0, "",
                "finish in -Xmx" + run.heapCap(), true,
                String.format("leadloader validate, wall time with JVM start; max live after GC %s; %d GCs",
                        BenchRun.mb(result.heap().maxLiveBytes()), result.heap().collections()), null));
    }
}
