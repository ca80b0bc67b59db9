package com.leadloader.load;

import com.leadloader.lead.Lead;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.MarkedLead;
import com.leadloader.ledger.RunRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of processed leads: records the ones not to send, claims the valid ones'
 * dedupe keys as pending rows with their markers, and creates them in ContactNow with up to
 * {@code inFlight} requests at once. Rows this run recorded before (a restart re-reading an
 * uncommitted chunk) are reconciled by marker instead of being sent again.
 */
public final class LeadWriter implements ItemWriter<Lead>, StepExecutionListener {

    private final LedgerRepository ledger;
    private final ChunkSender sender;
    private final LoadSettings settings;
    private final UnaryOperator<List<Lead>> priorLoads;
    private final Supplier<Instant> claimsSince;
    private final ExecutorService requests;
    private final LoadCounters counters;
    private final String scopePattern;
    private RunRef run;

    /**
     * @param priorLoads   marks leads already loaded by earlier runs as duplicates (chunk at a time)
     * @param claimsSince  with a within-days dedupe window, claims older than this are released; null otherwise
     * @param scopePattern the dedupe scope key; {@code run:} is completed with the job instance id
     */
    public LeadWriter(LedgerRepository ledger, ChunkSender sender, LoadSettings settings,
                      UnaryOperator<List<Lead>> priorLoads, Supplier<Instant> claimsSince,
                      ExecutorService requests, LoadCounters counters, String scopePattern) {
        this.ledger = ledger;
        this.sender = sender;
        this.settings = settings;
        this.priorLoads = priorLoads;
        this.claimsSince = claimsSince;
        this.requests = requests;
        this.counters = counters;
        this.scopePattern = scopePattern;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        var job = stepExecution.getJobExecution();
        String scope = scopePattern.equals("run:") ? "run:" + job.getJobInstance().getInstanceId() : scopePattern;
        run = new RunRef(job.getJobInstance().getJobName(), job.getJobInstance().getInstanceId(), job.getId(), scope);
        ledger.refreshStatistics();
        rowsWritten = 0;
        nextAnalyzeAt = 10_000;
    }

    /** Rows this writer has put in the ledger, and when to refresh its statistics next (doubling). */
    private long rowsWritten;
    private long nextAnalyzeAt;

    private void keepStatisticsFresh(int rows) {
        rowsWritten += rows;
        if (rowsWritten >= nextAnalyzeAt) {
            nextAnalyzeAt = rowsWritten * 2;
            ledger.refreshStatistics();
        }
    }

    /** The run this writer records under (set when the step starts). */
    public RunRef run() {
        return run;
    }

    @Override
    public void write(Chunk<? extends Lead> chunk) throws Exception {
        List<Lead> leads = new ArrayList<>(chunk.getItems());
        keepStatisticsFresh(leads.size());
        Map<String, LedgerEntry> seen = ledger.existing(run.jobInstanceId(), leads);
        List<Lead> fresh = new ArrayList<>();
        List<MarkedLead> toReconcile = new ArrayList<>();
        for (Lead lead : leads) {
            LedgerEntry entry = seen.get(LedgerRepository.rowKey(lead.row().origin(), lead.row().position()));
            if (entry == null) {
                fresh.add(lead);
            } else if (entry.state() == LeadState.PENDING) {
                toReconcile.add(new MarkedLead(lead.withFields(entry.fields()), entry.marker()));
            }
        }
        List<Lead> valid = priorLoads.apply(fresh.stream().filter(Lead::isValid).toList());
        List<Lead> rejected = new ArrayList<>(fresh.stream().filter(l -> !l.isValid()).toList());
        valid.stream().filter(l -> !l.isValid()).forEach(rejected::add);
        valid = valid.stream().filter(Lead::isValid).toList();
        ledger.recordRejected(run, rejected);
        count(rejected);

        List<MarkedLead> claimed = ledger.claim(run, mark(valid), claimsSince.get());
        counters.duplicates.add(valid.size() - claimed.size());

        List<Future<?>> inFlight = new ArrayList<>();
        for (List<MarkedLead> group : byPrefix(toReconcile).values()) {
            inFlight.add(requests.submit(() -> sender.reconcileAndSend(group, run.jobExecutionId())));
        }
        // One request per marker prefix: when claims lost some leads to other loaders, slicing the
        // claimed list by chunk size would mix two prefixes in one request, and the read-back by
        // the first prefix would miss the others.
        for (List<MarkedLead> group : byPrefix(claimed).values()) {
            inFlight.add(requests.submit(() -> sender.send(group, run.jobExecutionId())));
        }
        awaitAll(inFlight);
    }

    /** Gives each request's leads markers that share a fresh prefix: {@code LL<chunk>.<n>}. */
    private List<MarkedLead> mark(List<Lead> valid) {
        List<MarkedLead> marked = new ArrayList<>(valid.size());
        String prefix = null;
        for (int i = 0; i < valid.size(); i++) {
            if (i % settings.chunkSize() == 0) {
                prefix = "LL" + Long.toString(ledger.nextChunkId(), 36) + ".";
            }
            marked.add(new MarkedLead(valid.get(i), prefix + Integer.toString(i % settings.chunkSize(), 36)));
        }
        return marked;
    }

    private static Map<String, List<MarkedLead>> byPrefix(List<MarkedLead> leads) {
        Map<String, List<MarkedLead>> groups = new LinkedHashMap<>();
        for (MarkedLead lead : leads) {
            groups.computeIfAbsent(lead.chunkPrefix(), p -> new ArrayList<>()).add(lead);
        }
        return groups;
    }

    private void count(List<Lead> rejected) {
        for (Lead lead : rejected) {
            switch (lead.status()) {
                case BAD -> counters.bad.increment();
                case DUPLICATE -> counters.duplicates.increment();
                case SUPPRESSED -> counters.suppressed.increment();
                default -> { }
            }
        }
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        Exception first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
