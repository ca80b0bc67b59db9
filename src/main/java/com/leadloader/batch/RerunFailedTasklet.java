package com.leadloader.batch;

import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.MarkedLead;
import com.leadloader.load.ChunkSender;
import java.util.ArrayList;
import java.util.Iterator;
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
 * The leads an earlier execution left pending (a rerun killed, or stopped by an error, with a request
 * in flight) are settled first, as a restarted run settles its own; no rerun leaves them behind. The
 * failed leads are listed before that, so a lead the settling itself ends FAILED waits for the next
 * rerun instead of being tried twice in this one.
 *
 * <p>Each call does one request's worth, so that the step can stop between two (a stop on SIGTERM
 * checks at each call's end). A request's leads are reopened (FAILED to PENDING) only as it is sent:
 * a rerun stopped half-way leaves the ones it never sent FAILED, for the next rerun to send.
 */
final class RerunFailedTasklet implements Tasklet {

    private final LedgerRepository ledger;
    private final ChunkSender sender;
    private final long originalInstance;
    /** The failed leads still to send, one request's worth each; null until the first call. */
    private Iterator<List<MarkedLead>> requests;

    RerunFailedTasklet(LedgerRepository ledger, ChunkSender sender, long originalInstance) {
        this.ledger = ledger;
        this.sender = sender;
        this.originalInstance = originalInstance;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long execution = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        if (requests == null) {
            requests = failedByRequest().iterator();
            new PendingSweep(ledger, sender).settle(originalInstance, execution);
        } else {
            List<MarkedLead> request = requests.next();
            ledger.reopen(request.stream().map(MarkedLead::marker).toList(), execution);
            sender.reconcileAndSend(request, execution);
            contribution.incrementWriteCount(request.size());
        }
        return RepeatStatus.continueIf(requests.hasNext());
    }

    /** The run's FAILED leads, by the request they were last sent in (their marker's prefix). */
    private List<List<MarkedLead>> failedByRequest() {
        Map<String, List<MarkedLead>> byPrefix = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.byInstance(originalInstance, LeadState.FAILED)) {
            MarkedLead marked = entry.asMarkedLead();
            byPrefix.computeIfAbsent(marked.chunkPrefix(), p -> new ArrayList<>()).add(marked);
        }
        return new ArrayList<>(byPrefix.values());
    }
}
