package com.leadloader.bench;

import com.leadloader.cli.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code leadloader run SPEC} as a user runs it, in a child JVM under the heap cap, against a
 * sandbox process, with the ledger in the benchmark's schema.
 *
 * @param created     leads the run reports created
 * @param wallSeconds from process start to exit: JVM, Spring context, checks, the load, shutdown
 * @param stepSeconds from the load step's start to the job's end (every request answered and recorded), from
 *                    the job repository's timestamps; -1 if unknown
 * @param beforeSeconds from process start to the load step's start: JVM, Spring context, schema, checks
 *                    (-1 if unknown); the rest of the wall time outside the step is after the job's end
 *                    (the closing count, shutdown)
 */
record ChildLoad(long created, double wallSeconds, double stepSeconds, double beforeSeconds, GcLog.Heap heap) {

    /** From the job's end to process exit; -1 if unknown. */
    double afterSeconds() {
        return stepSeconds < 0 || beforeSeconds < 0 ? -1 : Math.max(0, wallSeconds - beforeSeconds - stepSeconds);
    }

    static ChildLoad run(BenchRun run, String jobName, Path spec, SandboxProcess sandbox) throws Exception {
        ChildJvm.Result result = ChildJvm.run(run.launch(), run.heapCap(), List.of("run", spec.toString()), Map.of(
                "LEADLOADER_DB_URL", run.ledger().url(),
                "CONTACTNOW_BASEURL", sandbox.baseUrl(),
                "CONTACTNOW_USERNAME", "sandbox",
                "CONTACTNOW_PASSWORD", "sandbox"), run.files().dir(), jobName, 60);
        if (result.exitCode() != ExitCodes.OK) {
            throw new IllegalStateException(jobName + ": leadloader run exited " + result.exitCode() + ": "
                    + BenchRun.tail(result.output()));
        }
        long created = BenchRun.count(result.output(), "created");
        if (created < 0) {
            throw new IllegalStateException(jobName + ": leadloader run printed no summary: " + BenchRun.tail(result.output()));
        }
        LedgerSchema.StepTimes step = run.ledger().stepTimes(jobName);
        return step == null ? new ChildLoad(created, result.seconds(), -1, -1, result.heap())
                : new ChildLoad(created, result.seconds(), step.seconds(),
                        Math.max(0, step.startMillis() - result.startedAtMillis()) / 1000.0, result.heap());
    }
}
