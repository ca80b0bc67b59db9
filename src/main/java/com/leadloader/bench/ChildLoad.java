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
 *                    the job repository's timestamps
 */
record ChildLoad(long created, double wallSeconds, double stepSeconds, GcLog.Heap heap) {

    static ChildLoad run(BenchRun run, String jobName, Path spec, SandboxProcess sandbox) throws Exception {
        ChildJvm.Result result = ChildJvm.run(run.heapCap(), List.of("run", spec.toString()), Map.of(
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
        return new ChildLoad(created, result.seconds(), run.ledger().stepSeconds(jobName), result.heap());
    }
}
