package com.leadloader.load;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The load step's reader: reads what its delegate reads, but lets each commit save the delegate's
 * position after the last chunk whose rows the {@link LeadWriter} has claimed in the ledger, not
 * after the last chunk read. The writer claims a chunk while the step reads the next one, so a
 * chunk can commit before its rows are durable; a run killed then restarts from the last claimed
 * chunk and reads the unclaimed rows again (rows claimed after all are found in the ledger and
 * reconciled, not sent twice). When the step ends, every claim has settled, and the position after
 * the last claimed chunk is what the step keeps (with everything claimed, its true end: a JDBC
 * source's watermark is read from there by the next run).
 */
public final class ClaimedReader<T> implements ItemStreamReader<T>, StepExecutionListener {

    private final ItemStreamReader<T> delegate;
    private final Claims writer;
    /** The delegate's state after each chunk handed to the writer and not yet claimed, oldest first. */
    private final Deque<Snapshot> unclaimed = new ArrayDeque<>();
    /** The delegate's state after the last claimed chunk (at first: where this step started). */
    private Map<String, Object> claimed;

    public ClaimedReader(ItemStreamReader<T> delegate, Claims writer) {
        this.delegate = delegate;
        this.writer = writer;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        delegate.open(executionContext);
        unclaimed.clear();
        claimed = stateOf(delegate);
    }

    @Override
    public T read() throws Exception {
        return delegate.read();
    }

    /** Called before each commit, after the chunk's write: records where the delegate is, saves where the claims are. */
    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        long handed = writer.chunksHanded();
        if (!unclaimed.isEmpty() && unclaimed.peekLast().chunk() == handed) {
            unclaimed.pollLast(); // updated twice for one chunk: the later state stands
        }
        unclaimed.addLast(new Snapshot(handed, stateOf(delegate)));
        saveClaimed(executionContext);
    }

    @Override
    public void close() throws ItemStreamException {
        delegate.close();
    }

    /** At the step's end, however it ended: once every claim has settled, keeps the position after the last claimed chunk. */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        try {
            writer.awaitClaims();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer reports it; keep what is claimed so far
        }
        if (claimed != null) {
            saveClaimed(stepExecution.getExecutionContext());
        }
        return null;
    }

    private void saveClaimed(ExecutionContext executionContext) {
        long done = writer.chunksClaimed();
        while (!unclaimed.isEmpty() && unclaimed.peekFirst().chunk() <= done) {
            claimed = unclaimed.pollFirst().state();
        }
        claimed.forEach(executionContext::put);
    }

    private static Map<String, Object> stateOf(ItemStreamReader<?> reader) {
        ExecutionContext state = new ExecutionContext();
        reader.update(state);
        return Collections.unmodifiableMap(new LinkedHashMap<>(state.toMap()));
    }

    private record Snapshot(long chunk, Map<String, Object> state) {
    }

    /** What the reader needs of the writer: how far it has been handed chunks, and how far it has claimed them. */
    public interface Claims {

        /** Chunks handed to the writer so far in this step. */
        long chunksHanded();

        /** Of those, how many (the first ones, in order) have their rows claimed in the ledger. */
        long chunksClaimed();

        /** Waits until every chunk handed over is claimed or has failed. */
        void awaitClaims() throws InterruptedException;
    }
}
