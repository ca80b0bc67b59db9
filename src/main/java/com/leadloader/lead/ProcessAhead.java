package com.leadloader.lead;

import com.leadloader.source.SourceRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Prepares a chunk's leads on a thread of its own while the step thread reads the chunk: the
 * step's reader and processor in one. A chunk step reads all of a chunk's rows before it
 * processes any; each row read here joins a batch of {@link #BATCH_ROWS} (or fewer, when the
 * processing thread is idle, as at a chunk's start), and each batch is prepared (mapping, phones,
 * validation, suppression, dedupe key) on the processing thread while the step reads on. When the
 * step has read the chunk and the processing thread has not begun its last batch, the step
 * prepares that one itself rather than wait. The {@link #processor() processor} then takes each
 * row's prepared lead, waiting for its batch if need be, and runs the in-run dedupe on the step
 * thread, in the order the step processes the rows: the same leads, in the same order, as
 * {@link LeadProcessor#process} on the step thread alone.
 *
 * <p>Reading stays on the step thread, so the delegate's position (what a commit saves) is always
 * that of the rows handed to the step. Preparing depends on the row alone, so a prepared lead the
 * step does not ask for next (a chunk processed again after a rollback, say) is thrown away with
 * the rest of those prepared ahead, and the rows are prepared again as they are processed.
 * For the step thread only, apart from the preparing itself.
 */
public final class ProcessAhead implements ItemStreamReader<SourceRow> {

    /** Rows a batch prepares at once: a chunk of 800 (200 x 4 in flight) is eight batches. */
    static final int BATCH_ROWS = 100;
    /**
     * Rows handed over at once when the processing thread has nothing to do, as at the start of each
     * chunk: it starts on these while the step reads on, instead of waiting for a whole batch.
     */
    static final int IDLE_BATCH_ROWS = 20;

    private final ItemStreamReader<SourceRow> delegate;
    private final LeadProcessor leads;
    /** Makes the processing thread at each open; it is shut down at close. */
    private final Supplier<ExecutorService> threads;
    private final ItemProcessor<SourceRow, Lead> processor = this::process;
    /** Rows read and not yet handed to the processing thread. */
    private List<SourceRow> filling = new ArrayList<>(BATCH_ROWS);
    /** Batches handed over, oldest first; the first one's next row is the next the step should process. */
    private final Deque<Batch> ahead = new ArrayDeque<>();
    private ExecutorService thread;
    /** The batch handed over last: once it is done, the processing thread is idle. */
    private Future<Lead[]> lastHandedOver;
    /** Whether the step has begun processing the rows it read last (set by the first process call after a read). */
    private boolean processing;

    public ProcessAhead(ItemStreamReader<SourceRow> delegate, LeadProcessor leads) {
        this(delegate, leads, ProcessAhead::processingThread);
    }

    /** With the processing thread {@code threads} makes: a test's, which it runs when it chooses. */
    ProcessAhead(ItemStreamReader<SourceRow> delegate, LeadProcessor leads, Supplier<ExecutorService> threads) {
        this.delegate = delegate;
        this.leads = leads;
        this.threads = threads;
    }

    private static ExecutorService processingThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lead-processing");
            t.setDaemon(true);
            return t;
        });
    }

    /** The step's processor: each row's prepared lead, deduplicated on the calling thread. */
    public ItemProcessor<SourceRow, Lead> processor() {
        return processor;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        discard();
        if (thread == null) {
            thread = threads.get();
        }
        delegate.open(executionContext);
    }

    @Override
    public SourceRow read() throws Exception {
        SourceRow row = delegate.read();
        if (row == null) {
            handOver();
            return null;
        }
        processing = false;
        filling.add(row);
        if (filling.size() >= BATCH_ROWS || filling.size() >= IDLE_BATCH_ROWS && idle()) {
            handOver();
        }
        return row;
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        delegate.update(executionContext);
    }

    @Override
    public void close() throws ItemStreamException {
        discard();
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
        delegate.close();
    }

    private Lead process(SourceRow row) throws Exception {
        return leads.dedupe(prepared(row));
    }

    private Lead prepared(SourceRow row) throws Exception {
        if (!processing) {
            processing = true;
            handOver(); // the chunk's last rows, fewer than a batch: the step processes once it has read them all
            prepareLastHere();
        }
        Batch first = ahead.peekFirst();
        if (first == null || first.rows.get(first.next) != row) {
            // Not the row read next (or not read through here): prepare it now, and the rest again later.
            discard();
            return leads.prepare(row);
        }
        Lead[] prepared = first.leads();
        if (first.next == 0) {
            leads.touch(prepared); // the batch's dedupe look-ups' cache misses, together
        }
        Lead lead = prepared[first.next++];
        if (first.next == first.rows.size()) {
            ahead.pollFirst();
        }
        return lead;
    }

    private void handOver() {
        if (filling.isEmpty()) {
            return;
        }
        if (thread == null) {
            throw new IllegalStateException("ProcessAhead read before it was opened");
        }
        List<SourceRow> rows = filling;
        filling = new ArrayList<>(BATCH_ROWS);
        Batch batch = new Batch(rows);
        batch.leads = lastHandedOver = thread.submit(() -> batch.claim() ? prepareAll(rows) : null);
        ahead.addLast(batch);
    }

    /** Whether the processing thread has prepared every batch handed to it. */
    private boolean idle() {
        return lastHandedOver == null || lastHandedOver.isDone();
    }

    /**
     * Once a chunk is read, the step would wait while the processing thread works through the batches
     * still queued: when it has not begun the last one, the step takes that one back and prepares it
     * now, beside the processing thread, before it deduplicates the first.
     */
    private void prepareLastHere() {
        Batch last = ahead.peekLast();
        if (ahead.size() < 2 || !last.claim()) {
            return; // nothing else queued to overlap with, or the processing thread has begun it
        }
        try {
            last.leads = CompletableFuture.completedFuture(prepareAll(last.rows));
        } catch (RuntimeException | Error e) {
            last.leads = CompletableFuture.failedFuture(e); // thrown when the step reaches the batch, as it would have been
        }
    }

    private Lead[] prepareAll(List<SourceRow> rows) {
        Lead[] prepared = new Lead[rows.size()];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = leads.prepare(rows.get(i));
        }
        return prepared;
    }

    private void discard() {
        for (Batch batch : ahead) {
            batch.leads.cancel(false);
        }
        ahead.clear();
        filling.clear();
    }

    /** Rows handed to the processing thread, their prepared leads to come, and how many the step has taken. */
    private static final class Batch {
        final List<SourceRow> rows;
        /** Who prepares the rows: the processing thread, or the step taking the batch back. */
        private final AtomicBoolean claimed = new AtomicBoolean();
        /** The prepared leads to come: the processing thread's, or the step's own once it has claimed them. */
        Future<Lead[]> leads;
        int next;

        Batch(List<SourceRow> rows) {
            this.rows = rows;
        }

        /** Whether the caller is the one to prepare the batch (only one thread ever is). */
        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        /** The batch's prepared leads, once ready; what preparing threw, as thrown. */
        Lead[] leads() throws InterruptedException {
            try {
                return leads.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
