package com.leadloader.bench;

import com.leadloader.generate.LeadGenerator.Format;
import com.leadloader.generate.LeadGenerator.Summary;
import java.nio.file.Path;
import java.util.List;

/**
 * Scenario 2: N distinct leads loaded end to end into a sandbox with no added latency, the ledger
 * on PostgreSQL, the loader in a child JVM capped at the heap cap and the sandbox in a process of
 * its own, dedupe scope {@code table} (the default). Judged by wall time, JVM start included: the target is a
 * million leads in under 60 s.
 */
final class EndToEndScenario implements Scenario {

    /** A million leads in 60 seconds. */
    static final double TARGET_RATE = 1_000_000 / 60.0;

    @Override
    public String name() {
        return "end-to-end";
    }

    @Override
    public boolean needsDatabase() {
        return true;
    }

    @Override
    public boolean startsChildJvms() {
        return true;
    }

    @Override
    public List<ScenarioResult> run(BenchRun run) throws Exception {
        run.say("end-to-end: generating %,d distinct leads", run.rows());
        Summary leads = run.files().leads(run.rows(), Format.CSV, BenchFiles.CLEAN);
        // Scope table, the default: dedupe against everything loaded before, as production runs do.
        Path spec = run.files().spec("bench-end-to-end", leads, false, "table", 200, 4);
        Path log = run.files().dir().resolve("sandbox-e2e.log");
        try (SandboxProcess sandbox = SandboxProcess.start(run.launch(), 0, log)) {
            run.say("end-to-end: loading into the sandbox at %s with -Xmx%s", sandbox.baseUrl(), run.heapCap());
            ChildLoad load = ChildLoad.run(run, "bench-end-to-end", spec, sandbox);
            if (load.created() != leads.rows()) {
                throw new IllegalStateException("created " + load.created() + " of " + leads.rows() + " leads");
            }
            double rate = load.created() / load.wallSeconds();
            return List.of(new ScenarioResult("end-to-end", load.created(), load.wallSeconds(), load.heap().peakBytes(),
                    0, "", "1M in < 60 s, -Xmx" + run.heapCap(), rate >= TARGET_RATE,
                    String.format("load %.1f s = %,.0f/s, %.1f s before it, %.1f s after it; max live after GC %s;"
                                    + " %d GCs", load.stepSeconds(), load.created() / load.stepSeconds(),
                            load.beforeSeconds(), load.afterSeconds(), BenchRun.mb(load.heap().maxLiveBytes()),
                            load.heap().collections()), null));
        }
    }
}
