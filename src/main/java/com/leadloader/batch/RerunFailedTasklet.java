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
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Sends a run's FAILED leads again under a new execution. Each lead keeps its marker, and every
 * request is reconciled by marker first, so a lead that did land after all is recorded, not resent.
 * The leads an earlier execution left pending (a rerun killed, or stopped by an error, after it had
 * reopened its leads) are settled first, as a restarted run settles its own; no rerun leaves them
 * behind. The failed leads are listed before that, so a lead the settling itself ends FAILED waits
 * for the next rerun instead of being tried twice in this one.
 */
final class RerunFailedTasklet implements Tasklet {

    private final LedgerRepository ledger;
    private final ChunkSender sender;
    private final long originalInstance;

    RerunFailedTasklet(LedgerRepository ledger, ChunkSender sender, long originalInstance) {
        this.ledger = ledger;
        this.sender = sender;
        this.originalInstance = originalInstance;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long execution = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        List<LedgerEntry> failed = ledger.byInstance(originalInstance, LeadState.FAILED);
        new PendingSweep(ledger, sender).settle(originalInstance, execution);
        Map<String, List<MarkedLead>> byPrefix = new LinkedHashMap<>();
        for (LedgerEntry entry : failed) {
            MarkedLead marked = entry.asMarkedLead();
            byPrefix.computeIfAbsent(marked.chunkPrefix(), p -> new ArrayList<>()).add(marked);
        }
        ledger.reopen(failed.stream().map(LedgerEntry::marker).toList(), execution);
        for (List<MarkedLead> group : byPrefix.values()) {
            sender.reconcileAndSend(group, execution);
            contribution.incrementWriteCount(group.size());
        }
        return RepeatStatus.FINISHED;
    }
}
