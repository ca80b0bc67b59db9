package com.leadloader.batch;

import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.MarkedLead;
import com.leadloader.load.ChunkSender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Before a run restarts, settles the leads an earlier execution of it left pending: recorded
 * and maybe sent, but not known to be created. The writer does not wait for its requests before
 * a chunk commits, so a run killed (or failed) with requests in flight leaves pending rows in
 * chunks the restart will not read again. Each is read back by marker and recorded if found;
 * only the ones ContactNow does not have are sent again, and never a lead of a request ContactNow
 * acknowledged as wholly created (those are read until they show, or the run stops with them
 * pending). Runs once a job execution, before any
 * step (also before the workers of a partitioned step), so that no two threads settle the same lead.
 */
final class PendingSweep implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PendingSweep.class);

    private final LedgerRepository ledger;
    private final ChunkSender sender;

    PendingSweep(LedgerRepository ledger, ChunkSender sender) {
        this.ledger = ledger;
        this.sender = sender;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        settle(execution.getJobInstance().getInstanceId(), execution.getId());
    }

    /** Settles the pending leads of a job instance under a new execution of it. */
    void settle(long jobInstanceId, long executionId) {
        List<LedgerEntry> pending = ledger.byInstance(jobInstanceId, LeadState.PENDING);
        if (pending.isEmpty()) {
            return;
        }
        Map<String, List<MarkedLead>> byRequest = new LinkedHashMap<>();
        for (LedgerEntry entry : pending) {
            MarkedLead marked = entry.asMarkedLead();
            byRequest.computeIfAbsent(marked.chunkPrefix(), p -> new ArrayList<>()).add(marked);
        }
        log.info("reconciling {} leads an earlier execution left pending ({} requests) before going on",
                pending.size(), byRequest.size());
        Set<String> acknowledged = ledger.acknowledged(byRequest.keySet());
        for (Map.Entry<String, List<MarkedLead>> request : byRequest.entrySet()) {
            if (acknowledged.contains(request.getKey())) {
                // ContactNow answered that it created them all: only their keys are missing.
                sender.recordKeys(request.getKey(), request.getValue(), executionId);
            } else {
                sender.reconcileAndSend(request.getValue(), executionId);
            }
        }
    }
}
