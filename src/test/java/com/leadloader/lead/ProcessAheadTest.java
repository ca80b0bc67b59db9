package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.source.SourceRow;
import com.leadloader.spec.SuppressionFile;
import com.leadloader.spec.SuppressionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

class ProcessAheadTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-30T09:00:00Z"), ZoneOffset.UTC);

    /** 1,000 rows: every seventh a repeat of an earlier person's mobile written another way, every eleventh without a phone. */
    private static List<SourceRow> rows() {
        List<SourceRow> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            long line = i + 2;
            if (i % 11 == 10) {
                rows.add(person(line, "No", "Phone" + i, "", "", ""));
            } else if (i % 7 == 6) {
                rows.add(person(line, "Again", "Person" + i, String.format("+44 7911 1%05d", i - 3), "", ""));
            } else {
                rows.add(person(line, "First", "Person" + i, String.format("07911 1%05d", i), "", "p" + i + "@example.com"));
            }
        }
        return rows;
    }

    /** Two of the people's mobiles, as a suppression list (one list, so that every processor names the same file). */
    private static final SuppressionList OPT_OUTS = optOuts();

    private static SuppressionList optOuts() {
        try {
            Path optOuts = Files.createTempFile("opt-outs", ".txt");
            optOuts.toFile().deleteOnExit();
            Files.writeString(optOuts, "07911 100005\n+44 7911 100012\n");
            return SuppressionList.load(new SuppressionSpec(
                    List.of(new SuppressionFile(optOuts.toString(), LocalDate.now(CLOCK))), null, null),
                    new PhoneNormalizer(Fixtures.usualSpec().phones()), CLOCK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LeadProcessor processor() {
        return LeadProcessor.create(Fixtures.usualSpec(), Fixtures.campaignFields(), OPT_OUTS, CLOCK);
    }

    /** What the step thread alone makes of the rows: the reference. */
    private static List<Lead> alone(List<SourceRow> rows) {
        LeadProcessor processor = processor();
        List<Lead> leads = new ArrayList<>();
        for (SourceRow row : rows) {
            leads.add(processor.process(row));
        }
        return leads;
    }

    /** As a chunk step does: read a chunk's rows, then process each, chunk after chunk. */
    private static List<Lead> inChunks(ProcessAhead ahead, int chunkRows) throws Exception {
        ItemProcessor<SourceRow, Lead> processor = ahead.processor();
        List<Lead> leads = new ArrayList<>();
        ahead.open(new ExecutionContext());
        try {
            for (List<SourceRow> chunk = read(ahead, chunkRows); !chunk.isEmpty(); chunk = read(ahead, chunkRows)) {
                for (SourceRow row : chunk) {
                    leads.add(processor.process(row));
                }
            }
        } finally {
            ahead.close();
        }
        return leads;
    }

    private static List<SourceRow> read(ItemStreamReader<SourceRow> reader, int rows) throws Exception {
        List<SourceRow> chunk = new ArrayList<>();
        for (SourceRow row; chunk.size() < rows && (row = reader.read()) != null; ) {
            chunk.add(row);
        }
        return chunk;
    }

    private static void assertSameLeads(List<Lead> actual, List<Lead> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Lead a = actual.get(i);
            Lead e = expected.get(i);
            assertThat(a.row()).as("lead %d", i).isSameAs(e.row());
            assertThat(a.status()).as("status of lead %d", i).isEqualTo(e.status());
            assertThat(a.reasonCode()).as("reason of lead %d", i).isEqualTo(e.reasonCode());
            assertThat(a.message()).as("message of lead %d", i).isEqualTo(e.message());
            assertThat(a.duplicateOf()).as("first of lead %d", i).isEqualTo(e.duplicateOf());
            assertThat(a.dedupeKey()).as("key of lead %d", i).isEqualTo(e.dedupeKey());
            assertThat(a.fields()).as("fields of lead %d", i).isEqualTo(e.fields());
        }
    }

    @Test
    void givesTheLeadsTheProcessorGivesAloneInTheSameOrderWhateverTheChunkSize() throws Exception {
        List<SourceRow> rows = rows();
        List<Lead> expected = alone(rows);
        assertThat(expected).extracting(Lead::status)
                .contains(LeadStatus.VALID, LeadStatus.DUPLICATE, LeadStatus.BAD, LeadStatus.SUPPRESSED);

        for (int chunkRows : new int[] {1, 7, ProcessAhead.BATCH_ROWS, 250, 800, 5_000}) {
            assertSameLeads(inChunks(new ProcessAhead(new ListReader(rows), processor()), chunkRows), expected);
        }
    }

    @Test
    void readsNoRowBeforeTheStepAsksForIt() throws Exception {
        ListReader source = new ListReader(rows());
        ProcessAhead ahead = new ProcessAhead(source, processor());
        ahead.open(new ExecutionContext());
        try {
            read(ahead, 130);
            ExecutionContext state = new ExecutionContext();
            ahead.update(state);

            // What a commit saves is where the step is, not where preparing is.
            assertThat(source.reads).isEqualTo(130);
            assertThat(state.getInt("list.read")).isEqualTo(130);
        } finally {
            ahead.close();
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void aChunkProcessedAgainAfterARollbackIsPreparedAgain() throws Exception {
        List<SourceRow> rows = rows().subList(0, 300);
        List<Lead> expected = alone(rows);
        ProcessAhead ahead = new ProcessAhead(new ListReader(rows), processor());
        ItemProcessor<SourceRow, Lead> processor = ahead.processor();
        ahead.open(new ExecutionContext());
        try {
            List<SourceRow> chunk = read(ahead, 250);
            for (SourceRow row : chunk.subList(0, 120)) {
                processor.process(row);
            }
            // The step scans the chunk item by item from its start, as after a failed write.
            List<Lead> again = new ArrayList<>();
            for (SourceRow row : chunk) {
                again.add(processor.process(row));
            }
            for (SourceRow row : read(ahead, 250)) {
                again.add(processor.process(row));
            }
            assertSameLeads(again, expected);
        } finally {
            ahead.close();
        }
    }

    @Test
    void anIdleProcessingThreadIsGivenRowsBeforeAWholeBatchIsRead() throws Exception {
        List<SourceRow> rows = rows();
        HeldThread held = new HeldThread();
        ProcessAhead ahead = new ProcessAhead(new ListReader(rows), processor(), () -> held);
        ahead.open(new ExecutionContext());
        try {
            List<SourceRow> chunk = read(ahead, ProcessAhead.IDLE_BATCH_ROWS - 1);
            assertThat(held.queued()).isZero();
            chunk.addAll(read(ahead, 1));
            assertThat(held.queued()).as("rows handed to the idle thread").isEqualTo(1);

            // While it works on those, the next rows wait for a whole batch.
            chunk.addAll(read(ahead, ProcessAhead.BATCH_ROWS - 1));
            assertThat(held.queued()).isEqualTo(1);
            chunk.addAll(read(ahead, 1));
            assertThat(held.queued()).isEqualTo(2);
            assertThat(held.runQueued()).extracting(ProcessAheadTest::size)
                    .containsExactly(ProcessAhead.IDLE_BATCH_ROWS, ProcessAhead.BATCH_ROWS);

            // Idle again: the next few rows go over at once.
            chunk.addAll(read(ahead, ProcessAhead.IDLE_BATCH_ROWS));
            assertThat(held.runQueued()).extracting(ProcessAheadTest::size)
                    .containsExactly(ProcessAhead.IDLE_BATCH_ROWS);

            List<Lead> leads = new ArrayList<>();
            for (SourceRow row : chunk) {
                leads.add(ahead.processor().process(row));
            }
            assertSameLeads(leads, alone(rows.subList(0, chunk.size())));
        } finally {
            ahead.close();
        }
    }

    @Test
    void theStepPreparesTheChunksLastBatchItselfWhenTheProcessingThreadHasNotBegunIt() throws Exception {
        List<SourceRow> rows = rows();
        HeldThread held = new HeldThread();
        ProcessAhead ahead = new ProcessAhead(new ListReader(rows), processor(), () -> held);
        ItemProcessor<SourceRow, Lead> processor = ahead.processor();
        ahead.open(new ExecutionContext());
        try {
            List<SourceRow> chunk = read(ahead, 250);
            assertThat(held.runQueued()).extracting(ProcessAheadTest::size).containsExactly(20, 100, 100);

            List<Lead> leads = new ArrayList<>();
            leads.add(processor.process(chunk.get(0)));
            // The last 30 rows went over when the step began processing, and the step took them back.
            assertThat(held.runQueued()).as("what the processing thread made of the last batch").containsExactly((Object) null);

            for (SourceRow row : chunk.subList(1, chunk.size())) {
                leads.add(processor.process(row));
            }
            for (SourceRow row : read(ahead, 250)) {
                held.runQueued();
                leads.add(processor.process(row));
            }
            assertSameLeads(leads, alone(rows.subList(0, 500)));
        } finally {
            ahead.close();
        }
        assertThat(held.isShutdown()).isTrue();
    }

    private static Integer size(Object prepared) {
        return prepared == null ? null : ((Lead[]) prepared).length;
    }

    @Test
    void aRowNotReadThroughItIsProcessedAtOnce() throws Exception {
        ProcessAhead ahead = new ProcessAhead(new ListReader(List.of()), processor());
        ahead.open(new ExecutionContext());
        try {
            SourceRow row = person(2, "Jon", "Smith", "07911 123456", "", "");
            Lead lead = ahead.processor().process(row);
            assertThat(lead.status()).isEqualTo(LeadStatus.VALID);
            assertThat(lead.fields()).containsEntry("MobilePhone", "07911123456");
        } finally {
            ahead.close();
        }
    }

    /**
     * A processing thread the test runs by hand: batches handed over wait until {@link #runQueued}
     * prepares them on the test's own thread, so which batch is begun when is up to the test.
     */
    private static final class HeldThread extends AbstractExecutorService {
        private final List<Runnable> queued = new ArrayList<>();
        private boolean shutdown;

        int queued() {
            return queued.size();
        }

        /** Runs the batches handed over so far, oldest first, and gives what each returned. */
        List<Object> runQueued() throws Exception {
            List<Object> results = new ArrayList<>();
            for (Runnable task : List.copyOf(queued)) {
                task.run();
                results.add(((Future<?>) task).get());
            }
            queued.clear();
            return results;
        }

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            List<Runnable> left = List.copyOf(queued);
            queued.clear();
            return left;
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }

    /** A source over a list that counts its reads and saves its position as a reader of a file does. */
    private static final class ListReader implements ItemStreamReader<SourceRow> {
        private final List<SourceRow> rows;
        int reads;
        int next;
        boolean closed;

        ListReader(List<SourceRow> rows) {
            this.rows = rows;
        }

        @Override
        public void open(ExecutionContext executionContext) {
            next = executionContext.getInt("list.read", 0);
        }

        @Override
        public SourceRow read() {
            reads++;
            return next < rows.size() ? rows.get(next++) : null;
        }

        @Override
        public void update(ExecutionContext executionContext) {
            executionContext.putInt("list.read", next);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
