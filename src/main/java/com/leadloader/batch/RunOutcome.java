package com.leadloader.batch;

import com.leadloader.cli.ExitCodes;
import com.leadloader.ledger.LeadState;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;

/**
 * What a run ended as: the execution, its Batch status, the ledger's counts for the whole run
 * (all executions of its job instance) and the exit code the CLI returns; {@code ranNow} is false
 * when this process ran nothing (the run was loaded earlier, or there was nothing to load).
 */
public record RunOutcome(long jobExecutionId, long jobInstanceId, BatchStatus status, long rowsRead,
                         Map<LeadState, Long> counts, int exitCode, String message, boolean ranNow) {

    public RunOutcome(long jobExecutionId, long jobInstanceId, BatchStatus status, long rowsRead,
                      Map<LeadState, Long> counts, int exitCode, String message) {
        this(jobExecutionId, jobInstanceId, status, rowsRead, counts, exitCode, message, true);
    }

    /** This outcome as that of a run loaded earlier, by another process: nothing ran now. */
    public RunOutcome loadedEarlier() {
        return new RunOutcome(jobExecutionId, jobInstanceId, status, rowsRead, counts, exitCode, message, false);
    }

    /**
     * A run that started no job, since its source had no rows to load and loading none would only
     * have made an empty dataset: no execution (ids 0, which Spring Batch never hands out), exit 0.
     */
    public static RunOutcome nothingToLoad(String message) {
        return new RunOutcome(0, 0, BatchStatus.COMPLETED, 0, Map.of(), ExitCodes.OK, message, false);
    }

    /** Whether a job ran: false for {@link #nothingToLoad}. */
    public boolean started() {
        return jobExecutionId != 0;
    }

    public long count(LeadState state) {
        return counts.getOrDefault(state, 0L);
    }
}
