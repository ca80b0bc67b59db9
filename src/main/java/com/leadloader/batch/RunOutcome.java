package com.leadloader.batch;

import com.leadloader.ledger.LeadState;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;

/**
 * What a run ended as: the execution, its Batch status, the ledger's counts for the whole run
 * (all executions of its job instance) and the exit code the CLI returns.
 */
public record RunOutcome(long jobExecutionId, long jobInstanceId, BatchStatus status, long rowsRead,
                         Map<LeadState, Long> counts, int exitCode, String message) {

    public long count(LeadState state) {
        return counts.getOrDefault(state, 0L);
    }
}
