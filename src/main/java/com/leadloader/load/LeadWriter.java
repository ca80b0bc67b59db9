package com.leadloader.load;

import com.leadloader.lead.Lead;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.MarkedLead;
import com.leadloader.ledger.RunRef;
import com.leadloader.ops.MdcPropagatingExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of processed leads: records the ones not to send, claims the valid ones'
 * dedupe keys as pending rows with their markers, and hands their create requests to up to
 * {@code inFlight} request threads. It waits for neither: a claim thread records and claims the
 * chunk while the step reads and processes the next one ({@link #write}; {@link ClaimedReader}
 * keeps commits to claimed positions), and the requests run while later rows are claimed; the
 * claim thread blocks only when {@code 3 x inFlight} requests are waiting. Every row is pending in the ledger before its request is sent, so a run
 * killed with requests in flight is reconciled by marker when it restarts ({@link PendingSweep}).
 *
 * <p>Requests are grouped: the markers of {@link #groupRequests} consecutive requests share a
 * prefix ({@code LL<ledger>-<group>-<tag>.<request>.<n>}), and once all of a group's requests are answered, one
 * read by that prefix records the keys of every lead the API said it created. A chunk the API did
 * not fully accept is read back on its own at once, as before. The step's end waits for every
 * request and read ({@link #afterStep}); a failure in a request thread fails the next write, or the
 * step at its end. Rows this run recorded before (a restart re-reading an uncommitted chunk) are
 * reconciled by marker instead of being sent again.
 */
public final class LeadWriter implements ItemWriter<Lead>, StepExecutionListener, ClaimedReader.Claims {

    private static final Logger log = LoggerFactory.getLogger(LeadWriter.class);

    /** Records a group's key read-back asks for at most; 25 requests of the default 200 leads. */
    static final int GROUP_RECORDS = 5_000;

    private final LedgerRepository ledger;
    private final ChunkSender sender;
    private final LoadSettings settings;
    private final UnaryOperator<List<Lead>> priorLoads;
    private final Supplier<Instant> claimsSince;
    private final ExecutorService requests;
    private final LoadCounters counters;
    private final String scopePattern;
    private final int groupRequests;
    /** Requests handed to the request threads and not finished; the writer waits for a permit. */
    private final Semaphore queued;
    private final Queue<Future<?>> outstanding = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private RunRef run;
    /** Stores the keys of groups (one thread: ledger updates need no API slot). */
    private ExecutorService ledgerWrites;
    /** Claims each chunk's rows and hands its requests over, one chunk at a time, behind the step thread. */
    private ExecutorService claims;
    private Future<?> lastClaim;
    /** Chunks handed to the claim thread, and how many of them (the first ones) are claimed. */
    private long chunksHanded;
    private final AtomicLong chunksClaimed = new AtomicLong();
    /** The group new requests join, the groups this chunk's requests were marked in, and those it filled. */
    private KeyGroup group;
    private final Map<String, KeyGroup> groups = new HashMap<>();
    private final List<KeyGroup> filled = new ArrayList<>();

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
        this.groupRequests = groupRequests(settings.chunkSize());
        this.queued = new Semaphore(3 * settings.inFlight());
    }

    /** Requests of {@code chunkSize} leads that share one key read-back. */
    public static int groupRequests(int chunkSize) {
        return Math.max(1, GROUP_RECORDS / chunkSize);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        var job = stepExecution.getJobExecution();
        String scope = scopePattern.equals("run:") ? "run:" + job.getJobInstance().getInstanceId() : scopePattern;
        run = new RunRef(job.getJobInstance().getJobName(), job.getJobInstance().getInstanceId(), job.getId(), scope);
        ledger.ledgerId(); // a ledger's first run names it here, and says that it knows no earlier load
        ledger.refreshStatistics();
        heldUpTo = ledger.lastPosition(run.jobInstanceId());
        rowsWritten = 0;
        nextAnalyzeAt = 10_000;
        failure.set(null);
        ledgerWrites = singleThread("ledger-keys");
        claims = singleThread("ledger-claims");
        lastClaim = null;
        chunksHanded = 0;
        chunksClaimed.set(0);
        group = null;
        groups.clear();
        filled.clear();
    }

    /**
     * Waits for every request and key read the step started, then fails the step if one of them
     * failed. Runs however the step ended (completed, stopped, failed), so that nothing is left
     * in flight when the job repository records the step's end.
     */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        try {
            awaitClaims();
            closeGroup();
            awaitOutstanding();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } finally {
            claims.shutdown();
            ledgerWrites.shutdown();
        }
        Exception failed = failure.get();
        if (failed == null || stepExecution.getStatus() == BatchStatus.FAILED) {
            if (failed instanceof LoadStoppedException) {
                // Its leads stay pending like those of the failure that ended the step, which the run's summary names.
                log.debug("after the step had failed, a request failed too", failed);
            } else if (failed != null) {
                log.error("after the step had failed, a request failed too: {}", failed.getMessage());
            }
            return null;
        }
        stepExecution.setStatus(BatchStatus.FAILED);
        stepExecution.addFailureException(failed);
        return ExitStatus.FAILED.addExitDescription(failed);
    }

    /** Rows this writer has put in the ledger, and when to refresh its statistics next (doubling). */
    private long rowsWritten;
    private long nextAnalyzeAt;

    private final AtomicBoolean analysing = new AtomicBoolean();

    /**
     * Refreshes the ledger's statistics each time this step's rows double, on a thread of its own:
     * an {@code analyze} of a large ledger takes long enough to stall the step, and nothing waits
     * for it (only the planner's later choices depend on it). One at a time. Not on the ledger
     * thread: the keys it stores would wait behind the analyse.
     */
    private void keepStatisticsFresh(int rows) {
        rowsWritten += rows;
        if (rowsWritten >= nextAnalyzeAt && analysing.compareAndSet(false, true)) {
            nextAnalyzeAt = rowsWritten * 2;
            Thread analyse = new Thread(MdcPropagatingExecutor.wrap(() -> {
                try {
                    ledger.refreshStatistics();
                } finally {
                    analysing.set(false);
                }
            }), "ledger-analyse");
            analyse.setDaemon(true);
            analyse.start();
        }
    }

    /**
     * The highest source position the ledger held a row of this run for when the step started (-1:
     * none). The reader never goes back within a step, so a chunk wholly past it holds only rows
     * this step has not recorded yet, and a first run looks for earlier rows in no chunk at all.
     */
    private long heldUpTo;

    private boolean mayHaveRows(List<Lead> leads) {
        for (Lead lead : leads) {
            if (lead.row().position() <= heldUpTo) {
                return true;
            }
        }
        return false;
    }

    /** The run this writer records under (set when the step starts). */
    public RunRef run() {
        return run;
    }

    /**
     * Hands the chunk to the claim thread and returns: the step reads and processes the next chunk
     * while this one's rows are claimed in the ledger, which takes about as long. It first waits for
     * the previous chunk's claim, so at most one chunk is being claimed at a time, and fails if that
     * claim or any request failed. The chunk's commit therefore may come before its rows are
     * claimed; {@link ClaimedReader} makes the commit save the reader's position after the last
     * claimed chunk only, so a restart reads every unclaimed row again.
     */
    @Override
    public void write(Chunk<? extends Lead> chunk) throws Exception {
        awaitClaims();
        throwIfFailed();
        List<Lead> leads = new ArrayList<>(chunk.getItems());
        long number = ++chunksHanded;
        lastClaim = claims.submit(recordingFailure(() -> {
            if (failure.get() != null) {
                return; // a request failed: claim nothing more; the step fails at its next write or its end
            }
            try {
                claimAndSend(leads);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing requests over", e);
            }
            chunksClaimed.set(number);
        }));
    }

    @Override
    public long chunksHanded() {
        return chunksHanded;
    }

    /** Of those, how many (the first ones, in order) have their rows in the ledger and their requests handed over. */
    @Override
    public long chunksClaimed() {
        return chunksClaimed.get();
    }

    /** Waits until the last chunk handed over is claimed (or failed; the failure is kept for {@link #throwIfFailed}). */
    @Override
    public void awaitClaims() throws InterruptedException {
        Future<?> claim = lastClaim;
        if (claim == null) {
            return;
        }
        try {
            claim.get();
        } catch (ExecutionException e) {
            failure.compareAndSet(null, e.getCause() instanceof Exception cause
                    ? cause : new IllegalStateException(e.getCause()));
        }
    }

    private void claimAndSend(List<Lead> leads) throws InterruptedException {
        keepStatisticsFresh(leads.size());
        Map<String, LedgerEntry> seen = mayHaveRows(leads) ? ledger.existing(run.jobInstanceId(), leads) : Map.of();
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

        List<MarkedLead> claimed = slim(ledger.claim(run, mark(valid), claimsSince.get()));
        counters.duplicates.add(valid.size() - claimed.size());

        for (List<MarkedLead> leadsOfRequest : byPrefix(toReconcile).values()) {
            submit(() -> {
                if (failure.get() == null) {
                    sender.reconcileAndSend(leadsOfRequest, run.jobExecutionId());
                }
            });
        }
        // One request per marker prefix: when claims lost some leads to other loaders, slicing the
        // claimed list by chunk size would mix two prefixes in one request, and the read-back by
        // the first prefix would miss the others.
        for (List<MarkedLead> leadsOfRequest : byPrefix(claimed).values()) {
            KeyGroup keys = groups.get(leadsOfRequest.get(0).groupPrefix());
            keys.open.incrementAndGet();
            submit(() -> {
                try {
                    // After a failure nothing more is sent: the leads stay pending for the restart.
                    if (failure.get() == null) {
                        for (MarkedLead sent : sender.sendAwaitingKeys(leadsOfRequest, run.jobExecutionId())) {
                            keys.awaiting.add(sent.marker());
                        }
                    }
                } finally {
                    keys.requestDone();
                }
            });
        }
        // Groups filled by this chunk take no more requests: each reads its keys once the last
        // of its requests is answered (only now, so that none is read before all were sent).
        releaseFilled();
        groups.keySet().retainAll(group == null ? List.of() : List.of(group.prefix));
    }

    /**
     * The claimed leads without their source values, which the ledger now holds: a lead waits up to
     * {@code 3 x in-flight} requests for a slot and then its request, about half a second, and with
     * every column it was read with it outlived a young collection and was promoted (the GC logs of a
     * 200x4 load showed about 2.5 KB promoted a lead).
     */
    private static List<MarkedLead> slim(List<MarkedLead> claimed) {
        List<MarkedLead> slim = new ArrayList<>(claimed.size());
        for (MarkedLead marked : claimed) {
            slim.add(new MarkedLead(marked.lead().withoutSourceValues(), marked.marker()));
        }
        return slim;
    }

    /**
     * Gives each request's leads markers {@code LL<ledger>-<group>-<tag>.<request>.<n>}: a fresh
     * group every {@link #groupRequests} requests, so that one read by the group's prefix (up to the
     * first dot) finds them all.
     */
    private List<MarkedLead> mark(List<Lead> valid) {
        List<MarkedLead> marked = new ArrayList<>(valid.size());
        String prefix = null;
        for (int i = 0; i < valid.size(); i++) {
            if (i % settings.chunkSize() == 0) {
                prefix = nextRequestPrefix();
            }
            marked.add(new MarkedLead(valid.get(i), prefix + Integer.toString(i % settings.chunkSize(), 36)));
        }
        return marked;
    }

    private String nextRequestPrefix() {
        if (group == null || group.requests == groupRequests) {
            if (group != null) {
                filled.add(group);
            }
            group = new KeyGroup(ledger.nextGroupPrefix());
            groups.put(group.prefix, group);
        }
        return group.prefix + Integer.toString(group.requests++, 36) + ".";
    }

    private void releaseFilled() {
        for (KeyGroup full : filled) {
            full.requestDone();
        }
        filled.clear();
    }

    /** At the step's end: the open group takes no more requests. */
    private void closeGroup() {
        releaseFilled();
        if (group != null) {
            group.requestDone();
            group = null;
        }
        groups.clear();
    }

    private void submit(Runnable request) throws InterruptedException {
        queued.acquire();
        boolean handedOver = false;
        try {
            outstanding.add(requests.submit(recordingFailure(() -> {
                try {
                    request.run();
                } finally {
                    queued.release();
                }
            })));
            handedOver = true;
        } finally {
            if (!handedOver) {
                queued.release();
            }
        }
        outstanding.removeIf(Future::isDone);
    }

    private void readKeys(KeyGroup keys) {
        if (keys.awaiting.isEmpty()) {
            return;
        }
        List<String> markers = new ArrayList<>(keys.awaiting);
        // Not bounded by the writer's permits: the request thread that answered the group's last
        // request hands the read over, and at most one read per group is ever queued. It runs even
        // after another request failed, so that what was created is recorded with its key.
        outstanding.add(requests.submit(recordingFailure(
                () -> sender.recordKeys(keys.prefix, markers, run.jobExecutionId(), this::storeKeys))));
    }

    /**
     * Stores a group's keys on the writer's ledger thread, so that the request thread goes back to
     * sending at once: updating a few thousand ledger rows takes as long as a request.
     */
    private void storeKeys(Map<String, Long> created) {
        long executionId = run.jobExecutionId();
        outstanding.add(ledgerWrites.submit(recordingFailure(() -> {
            ledger.markCreated(created, executionId);
            counters.created.add(created.size());
        })));
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(MdcPropagatingExecutor.wrap(task), name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The task, keeping the first failure of any task for the next write or the step's end. */
    private Runnable recordingFailure(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        };
    }

    private void awaitOutstanding() throws InterruptedException {
        for (Future<?> next = outstanding.poll(); next != null; next = outstanding.poll()) {
            try {
                next.get();
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause() instanceof Exception cause
                        ? cause : new IllegalStateException(e.getCause()));
            }
        }
    }

    private void throwIfFailed() throws Exception {
        Exception failed = failure.get();
        if (failed != null) {
            throw failed;
        }
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

    /**
     * The requests sharing one marker prefix, and the markers of the leads among them the API said
     * it created whose keys are still to be read (markers only: a group's leads would otherwise stay
     * on the heap until its read, long enough to be promoted). {@code open} counts the requests not
     * yet answered, plus one while the writer may still add requests; the key read starts when it
     * falls to zero.
     */
    private final class KeyGroup {
        final String prefix;
        final Queue<String> awaiting = new ConcurrentLinkedQueue<>();
        final AtomicInteger open = new AtomicInteger(1);
        int requests;

        KeyGroup(String prefix) {
            this.prefix = prefix;
        }

        void requestDone() {
            if (open.decrementAndGet() == 0) {
                readKeys(this);
            }
        }
    }
}
